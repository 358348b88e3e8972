package io.mediausage.collector.source;

import java.util.regex.Pattern;

/**
 * Tells an environment variable's name from a secret typed in its place, so that a problem with the parameter can
 * name the variable without ever repeating a secret.
 */
public final class VariableNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Access keys are 16 or more letters and digits; variable names of that length have a word separator. */
    private static final int KEY_LENGTH = 16;

    private VariableNames() {
    }

    /**
     * True for what can be, and reads as, a variable name: letters, digits and {@code _}, and not a run of 16 or
     * more letters and digits without {@code _}, nor lower case letters mixed with digits without {@code _}
     * (shapes of access keys and passwords).
     */
    public static boolean looksLikeOne(String value) {
        if (!NAME.matcher(value).matches() || value.contains("_")) {
            return NAME.matcher(value).matches();
        }
        boolean lowerCase = value.chars().anyMatch(Character::isLowerCase);
        boolean digits = value.chars().anyMatch(Character::isDigit);
        return value.length() < KEY_LENGTH && !(lowerCase && digits);
    }
}
