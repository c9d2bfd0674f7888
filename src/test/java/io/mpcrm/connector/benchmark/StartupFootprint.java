package io.mpcrm.connector.benchmark;

/** Row 6: start-up time and idle memory of the connector beside a plain Spring Boot and Camel application. */
final class StartupFootprint {

    private StartupFootprint() {
    }

    static void measure(BenchmarkTable table) {
        table.note("Row 6 (start-up and memory): not measured in this run.");
    }
}
