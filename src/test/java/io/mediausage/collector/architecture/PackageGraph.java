package io.mediausage.collector.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which of the project's packages refer to which, read from the source text: {@code import} lines and fully qualified
 * names in the code ({@code new io.mediausage.collector.metrics.UsageMetrics(...)}), so no dependency is needed.
 * Each package counts on its own: {@code api} and {@code api.tencent} are two packages.
 */
record PackageGraph(Map<String, Set<String>> uses) {

    /** A project type named in full: the package, then a capitalised simple name. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(io\\.mediausage\\.collector(?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

    static PackageGraph of(Path sourceRoot) {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher declared = PACKAGE.matcher(text);
                if (!declared.find()) {
                    continue;
                }
                String from = declared.group(1);
                Set<String> used = uses.computeIfAbsent(from, key -> new TreeSet<>());
                Matcher named = QUALIFIED.matcher(text.substring(declared.end()));
                while (named.find()) {
                    if (!named.group(1).equals(from)) {
                        used.add(named.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PackageGraph(uses);
    }

    /** The groups of packages that use each other, directly or through others (Tarjan's strongly connected parts). */
    List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            if (!index.containsKey(start)) {
                visit(start, index, low, stack, cycles);
            }
        }
        return cycles;
    }

    private void visit(String node, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            List<Set<String>> cycles) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        for (String next : uses.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                visit(next, index, low, stack, cycles);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> part = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                part.add(member);
            } while (!member.equals(node));
            if (part.size() > 1) {
                cycles.add(part);
            }
        }
    }

    /** For a failure message: who uses whom inside one cycle. */
    String describe(Set<String> cycle) {
        StringBuilder text = new StringBuilder();
        for (String from : cycle) {
            uses.getOrDefault(from, Set.of()).stream().filter(cycle::contains)
                    .forEach(to -> text.append("\n  ").append(from).append(" -> ").append(to));
        }
        return text.toString();
    }
}
