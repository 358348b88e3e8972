package io.mediausage.collector.source;

import java.util.Optional;

/**
 * Looks up a credential by the name of the variable that holds it. Production reads the process environment;
 * the names themselves are per-source configuration, so credentials never live in the repository.
 */
@FunctionalInterface
public interface CredentialsResolver {

    Optional<String> lookup(String variableName);

    static CredentialsResolver environment() {
        return name -> Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
