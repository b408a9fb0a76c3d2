// A small HTTP server (standard library only) with the modes a container needs: -version, and -healthcheck,
// which probes the running server's /healthz (or, with -self, serves on a loopback port and probes itself,
// which proves the binary runs in an image with no shell and no network setup).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

var version = "1.2.0"

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	healthcheck := flag.Bool("healthcheck", false, "probe /healthz and exit 0 when it answers 200")
	self := flag.Bool("self", false, "with -healthcheck: serve on a loopback port and probe that")
	addr := flag.String("addr", envOr("ADDR", ":8080"), "listen address")
	flag.Parse()

	switch {
	case *showVersion:
		fmt.Println("go-server", version)
	case *healthcheck && *self:
		os.Exit(selfCheck())
	case *healthcheck:
		os.Exit(probe("http://" + loopback(*addr) + "/healthz"))
	default:
		serve(*addr)
	}
}

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok", "version": version})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello from go-server %s\n", version)
	})
	return mux
}

func serve(addr string) {
	server := &http.Server{Addr: addr, Handler: routes(), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		// PID 1 in a container: stop cleanly on SIGTERM.
		stop := make(chan os.Signal, 1)
		signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
		<-stop
		_ = server.Close()
	}()
	log.Printf("go-server %s listening on %s", version, addr)
	if err := server.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Fatal(err)
	}
}

func loopback(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host == "" || host == "0.0.0.0" {
		return net.JoinHostPort("127.0.0.1", port)
	}
	return net.JoinHostPort(host, port)
}

func probe(url string) int {
	client := http.Client{Timeout: 3 * time.Second}
	res, err := client.Get(url)
	if err != nil {
		fmt.Fprintln(os.Stderr, "healthcheck:", err)
		return 1
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		fmt.Fprintln(os.Stderr, "healthcheck: status", res.StatusCode)
		return 1
	}
	fmt.Println("healthy")
	return 0
}

func selfCheck() int {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "healthcheck:", err)
		return 1
	}
	go func() { _ = http.Serve(listener, routes()) }()
	return probe("http://" + listener.Addr().String() + "/healthz")
}
