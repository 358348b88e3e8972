package io.mediausage.collector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fails the build when a secret of the test suite appears in anything the suite wrote: test output, logs of the
 * collector processes, reports. The secrets are the test sources' own secret-key constants, so a new test is
 * covered by declaring its key as one. Run by Maven in the verify phase, after the tests.
 *
 * <p>Arguments: the test sources folder, then the folders to scan.
 */
public final class SecretScan {

    /** {@code static final String SECRET_KEY = "..."} and the like; access key ids are not secrets. */
    private static final Pattern SECRET_CONSTANT = Pattern.compile(
            "static final String (\\w*(?:SECRET|_SK|WRONG_KEY)\\w*|SK) = \"([^\"]{8,})\"");

    private SecretScan() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> secrets = secrets(Path.of(args[0]));
        List<String> leaks = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path folder = Path.of(args[i]);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.filter(Files::isRegularFile).forEach(file -> leaks.addAll(leaks(file, secrets)));
                }
            }
        }
        if (!leaks.isEmpty()) {
            throw new IllegalStateException("secrets found in test output:\n" + String.join("\n", leaks));
        }
        System.out.println("Secret scan: none of " + secrets.size() + " test secrets appears in the test output");
    }

    static Map<String, String> secrets(Path testSources) throws IOException {
        Map<String, String> secrets = new TreeMap<>();
        try (Stream<Path> files = Files.walk(testSources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = SECRET_CONSTANT.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!matcher.group(1).endsWith("_ID") && !file.endsWith("SecretScan.java")) {
                        secrets.put(matcher.group(2), file.getFileName() + " " + matcher.group(1));
                    }
                }
            }
        }
        return secrets;
    }

    /** Names the file and the constant, never the value. */
    private static List<String> leaks(Path file, Map<String, String> secrets) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            return secrets.entrySet().stream().filter(secret -> text.contains(secret.getKey()))
                    .map(secret -> file + ": " + secret.getValue()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
