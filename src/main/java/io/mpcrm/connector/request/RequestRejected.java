package io.mpcrm.connector.request;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A permanent failure a seller can read and fix: retrying the same request would fail the same way. Its message shows
 * the first {@value #SHOWN} problems, one per line, and how many more there are: a seller reads a screen, not
 * hundreds of lines (201 rates once made an Error of 29,004 characters); {@link #problems()} keeps them all.
 */
public class RequestRejected extends RuntimeException {

    /** How many problems the message shows. */
    public static final int SHOWN = 20;

    private final transient List<FieldProblem> problems;

    public RequestRejected(List<FieldProblem> problems) {
        super(lines(problems));
        this.problems = List.copyOf(problems);
    }

    public RequestRejected(String message) {
        super(message);
        this.problems = List.of();
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    private static String lines(List<FieldProblem> problems) {
        String shown = problems.stream().limit(SHOWN)
                .map(problem -> problem.field() + ": " + problem.message())
                .collect(Collectors.joining("\n"));
        return problems.size() <= SHOWN ? shown : shown + "\n... and " + (problems.size() - SHOWN) + " more problems ("
                + problems.size() + " in all). Correct these and press the button again to see the rest.";
    }
}
