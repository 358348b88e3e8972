package io.mediausage.collector.config;

import java.util.List;

/** The configuration cannot work; one line per problem, each naming the file, the source and the key. */
public final class ConfigurationException extends RuntimeException {

    private final transient List<ConfigurationProblem> problems;

    public ConfigurationException(List<ConfigurationProblem> problems) {
        super(String.join("\n", problems.stream().map(ConfigurationProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public ConfigurationException(ConfigurationProblem problem, Throwable cause) {
        super(problem.toString(), cause);
        this.problems = List.of(problem);
    }

    public List<ConfigurationProblem> problems() {
        return problems;
    }
}
