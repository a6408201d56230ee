package dev.tandem.metrics;

import static io.restassured.RestAssured.given;

/** Test helper: one read of {@code /q/metrics} (Prometheus text format) and the values in it. */
record Scrape(String text) {

    static Scrape now() {
        return new Scrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** True when some series of this name (with these {@code key="value"} labels, if any) is exposed. */
    boolean has(String name, String... labels) {
        return text.lines().anyMatch(line -> matches(line, name, labels));
    }

    /** The sum of the series of this name that carry all the given {@code key="value"} labels; 0 if none. */
    double value(String name, String... labels) {
        return text.lines().filter(line -> matches(line, name, labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static boolean matches(String line, String name, String... labels) {
        if (line.startsWith("#")) return false;
        int end = line.indexOf('{');
        if (end < 0) end = line.indexOf(' ');
        if (end < 0 || !line.substring(0, end).equals(name)) return false;
        for (String label : labels) {
            if (!line.contains(label)) return false;
        }
        return true;
    }
}
