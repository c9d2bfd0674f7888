package io.mpcrm.connector.chaos;

import io.mpcrm.connector.security.LogSecretsWatch;
import java.time.Duration;

/**
 * The full chaos run, for the README's reliability section:
 * <pre>mvn -B spring-boot:test-run -Dspring-boot.run.main-class=io.mpcrm.connector.chaos.ChaosSuite \
 *     -Dspring-boot.run.arguments="600 80"</pre>
 * Arguments: seller stories (600, about 2 500 requests), stories under way at once (80). Exits 1 if a promise broke
 * (the six figures, and no credential in the logs).
 */
public final class ChaosSuite {

    private ChaosSuite() {
    }

    public static void main(String[] args) throws Exception {
        int stories = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 80;
        ChaosFigures figures;
        LogSecretsWatch.install();
        try (ChaosSandboxes sandboxes = ChaosSandboxes.start(42)) {
            figures = new ChaosRun(sandboxes, stories, concurrency, 10, Duration.ofSeconds(20), 42).run();
        }
        figures.print(System.out);
        System.out.printf("  credentials found in the run's logs            %d (of %d log events scanned)%n",
                LogSecretsWatch.findings().size(), LogSecretsWatch.scannedEvents());
        boolean kept = LogSecretsWatch.findings().isEmpty() && figures.promisesKept();
        System.out.println(kept ? "All six promises kept." : "A PROMISE WAS BROKEN: see the figures above.");
        System.exit(kept ? 0 : 1);
    }
}
