package io.mediausage.collector.ops;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PromQL expression reads: the metrics it selects with the labels it matches on, and the labels it groups
 * or joins by. Not a full PromQL parser: enough to check a dashboard's and a rule file's queries against a scraped
 * metrics page, and to refuse an expression whose brackets or strings are not closed.
 *
 * @param expression    the expression as written
 * @param selectors     metric name to the labels its selectors match on
 * @param groupedBy     labels named in {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_*}
 */
public record PromQlQuery(String expression, Map<String, Set<String>> selectors, Set<String> groupedBy) {

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "Inf", "NaN",
            "inf", "nan");
    /** Aggregations may put their {@code by (...)} between the name and the parenthesis. */
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Pattern MATCHER =
            Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')\\s*,?");

    /** Reads {@code expression}; an unclosed bracket or string, or a selector without a metric name, is refused. */
    public static PromQlQuery parse(String expression) {
        Map<String, Set<String>> selectors = new LinkedHashMap<>();
        Set<String> groupedBy = new LinkedHashSet<>();
        int depth = 0;
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(expression, i);
            } else if (c == '[') { // a range or subquery: durations and Grafana's $__rate_interval, no metrics
                int end = expression.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '[' at " + i + " in: " + expression);
                }
                i = end + 1;
            } else if (c == '{') {
                throw new IllegalArgumentException("selector without a metric name at " + i + " in: " + expression);
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                if (--depth < 0) {
                    throw new IllegalArgumentException("unopened ')' at " + i + " in: " + expression);
                }
                i++;
            } else if (Character.isDigit(c) || c == '.') { // a number, 1e3 and 0.5 included
                i++;
                while (i < expression.length() && (Character.isLetterOrDigit(expression.charAt(i))
                        || expression.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < expression.length() && (Character.isLetterOrDigit(expression.charAt(i))
                        || expression.charAt(i) == '_' || expression.charAt(i) == ':')) {
                    i++;
                }
                String word = expression.substring(start, i);
                int next = skipSpaces(expression, i);
                char following = next < expression.length() ? expression.charAt(next) : 0;
                if (GROUPING.contains(word)) {
                    if (following == '(') {
                        int close = expression.indexOf(')', next);
                        if (close < 0) {
                            throw new IllegalArgumentException("unclosed '(' after " + word + " in: " + expression);
                        }
                        for (String label : expression.substring(next + 1, close).split(",")) {
                            if (!label.isBlank()) {
                                groupedBy.add(label.trim());
                            }
                        }
                        i = close + 1;
                    }
                } else if (KEYWORDS.contains(word) || AGGREGATIONS.contains(word) || following == '(') {
                    // an operator, or a function or aggregation called on what follows
                } else {
                    Set<String> labels = selectors.computeIfAbsent(word, name -> new LinkedHashSet<>());
                    if (following == '{') {
                        i = matchers(expression, next, labels);
                    }
                }
            } else {
                i++;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unclosed '(' in: " + expression);
        }
        if (selectors.isEmpty()) {
            throw new IllegalArgumentException("selects no metric: " + expression);
        }
        return new PromQlQuery(expression, selectors, groupedBy);
    }

    /** Reads the label matchers of {@code {...}} at {@code open}, returning the index after the '}'. */
    private static int matchers(String expression, int open, Set<String> labels) {
        int close = expression.indexOf('}', open);
        Matcher matcher = MATCHER.matcher(expression);
        int i = open + 1;
        while (true) {
            int next = skipSpaces(expression, i);
            if (next < expression.length() && expression.charAt(next) == '}') {
                return next + 1;
            }
            matcher.region(i, expression.length());
            if (close < 0 || !matcher.lookingAt()) {
                throw new IllegalArgumentException("bad label matcher at " + i + " in: " + expression);
            }
            labels.add(matcher.group(1));
            i = matcher.end();
        }
    }

    private static int endOfString(String expression, int open) {
        char quote = expression.charAt(open);
        for (int i = open + 1; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unclosed string at " + open + " in: " + expression);
    }

    private static int skipSpaces(String expression, int i) {
        while (i < expression.length() && Character.isWhitespace(expression.charAt(i))) {
            i++;
        }
        return i;
    }
}
