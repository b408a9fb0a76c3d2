package dev.whittle.inventory;

import java.util.Map;
import java.util.TreeMap;

/** The stock the service reports (a fixed table: the example is about the image, not the data). */
final class Inventory {
    private static final Map<String, Integer> STOCK = new TreeMap<>(Map.of("basswood", 40, "knife", 12, "strop", 7));

    private Inventory() {}

    static String describe() {
        StringBuilder text = new StringBuilder("inventory:");
        STOCK.forEach((item, count) -> text.append(' ').append(item).append('=').append(count));
        return text.toString();
    }
}
