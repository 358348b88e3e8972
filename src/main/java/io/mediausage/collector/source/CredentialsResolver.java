package io.mediausage.collector.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up a credential by the name of the variable that holds it. Production reads the process environment;
 * the names themselves are per-source configuration, so credentials never live in the repository.
 */
@FunctionalInterface
public interface CredentialsResolver {

    Optional<String> lookup(String variableName);

    /** The process environment, with the secret-file convention of container platforms. */
    static CredentialsResolver environment() {
        return environment(System.getenv());
    }

    /**
     * {@code NAME} from the environment, or else the content of the file that {@code NAME_FILE} names (a Docker or
     * Kubernetes secret mounted as a file), trimmed.
     */
    static CredentialsResolver environment(Map<String, String> environment) {
        return name -> {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
            String file = environment.get(name + "_FILE");
            if (file == null || file.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readString(Path.of(file)).trim()).filter(secret -> !secret.isEmpty());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the secret file that " + name + "_FILE names: " + file, e);
            }
        };
    }
}
