package dev.whittle.inventory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A small inventory HTTP service on the JDK's built-in server (no dependencies, so no Maven Central).
 * {@code --healthcheck} serves on a loopback port and probes its own /healthz, a smoke test that needs only a JRE.
 */
public final class InventoryService {
    static final String VERSION = "0.9.1";

    private InventoryService() {}

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("--version")) {
            System.out.println("java-service " + VERSION);
            return;
        }
        if (args.length > 0 && args[0].equals("--healthcheck")) {
            System.exit(selfCheck());
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = start(new InetSocketAddress(port));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(1)));
        System.out.println("java-service " + VERSION + " on :" + port);
    }

    static HttpServer start(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/healthz", exchange -> reply(exchange, "application/json", "{\"status\":\"ok\",\"version\":\"" + VERSION + "\"}"));
        server.createContext("/", exchange -> reply(exchange, "text/plain", Inventory.describe() + "\n"));
        server.start();
        return server;
    }

    private static void reply(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int selfCheck() throws IOException {
        HttpServer server = start(new InetSocketAddress("127.0.0.1", 0));
        try {
            URL url = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/healthz");
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(3000);
            connection.setReadTimeout(3000);
            int status = connection.getResponseCode();
            try (InputStream in = connection.getInputStream()) {
                in.readAllBytes();
            }
            System.out.println(status == 200 ? "healthy" : "unhealthy: " + status);
            return status == 200 ? 0 : 1;
        } finally {
            server.stop(0);
        }
    }
}
