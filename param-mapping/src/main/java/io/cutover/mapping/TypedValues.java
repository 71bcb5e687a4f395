package io.cutover.mapping;

import io.cutover.mapping.query.Ascii;
import io.cutover.mapping.query.PercentDecoder;
import io.cutover.mapping.table.Options;
import io.cutover.mapping.table.RuleKind;
import java.util.Currency;
import java.util.HashSet;
import java.util.Set;

/**
 * The typed values of the mapping table: integers, decimals with a dot, ISO-4217 currencies. Each
 * takes a form-decoded value and answers its normalised form, or {@code null} when it is not of
 * the type. Hand-written scans: no regex, no parsing into numbers (an amount is forwarded as
 * written, never rounded through a double).
 */
final class TypedValues {

    /** Longer numbers are not amounts or quantities a shop sends. */
    static final int MAX_NUMBER = 24;

    /** ISO-4217 codes packed into ints ({@code 'U' << 16 | 'S' << 8 | 'D'}), for allocation-free checks. */
    private static final Set<Integer> CURRENCIES = currencies();

    private TypedValues() {}

    /** The decoded, trimmed value of a raw parameter (the form rules: {@code +} is a space). */
    static String decoded(String raw) {
        return trim(raw.indexOf('%') >= 0 || raw.indexOf('+') >= 0 ? PercentDecoder.decodeForm(raw) : raw);
    }

    /** A value of a typed kind, or {@code null} when it is not one. */
    static String of(RuleKind kind, String value) {
        switch (kind) {
            case INTEGER:
                return integer(value);
            case DECIMAL:
                return decimal(value);
            case CURRENCY:
                return currency(value);
            default:
                return value;
        }
    }

    /** ASCII digits, at most {@link #MAX_NUMBER}; leading zeros dropped ({@code 007} → {@code 7}). */
    static String integer(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_NUMBER) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (!Ascii.isDigit(s.charAt(i))) {
                return null;
            }
        }
        int first = 0;
        while (first < n - 1 && s.charAt(first) == '0') {
            first++;
        }
        return first == 0 ? s : s.substring(first);
    }

    /**
     * A decimal with a dot and no thousands separator, as Awin reads amounts (platforms.md §4):
     * an optional {@code -}, digits, and an optional dot with digits. {@code .5} becomes
     * {@code 0.5} and {@code 5.} becomes {@code 5}; a comma is refused, since {@code 1,234} could
     * be a thousand or one and a quarter.
     */
    static String decimal(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_NUMBER) {
            return null;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        int digits = 0;
        int dot = -1;
        for (int j = i; j < n; j++) {
            char c = s.charAt(j);
            if (Ascii.isDigit(c)) {
                digits++;
            } else if (c == '.' && dot < 0) {
                dot = j;
            } else {
                return null;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (dot == i) {
            return (i == 1 ? "-0" : "0") + s.substring(i);
        }
        if (dot == n - 1) {
            return s.substring(0, n - 1);
        }
        return s;
    }

    /** A known ISO-4217 code in any case, answered upper-case; {@code null} otherwise. */
    static String currency(String s) {
        if (s.length() != 3) {
            return null;
        }
        int packed = 0;
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (!Ascii.isAlpha(c)) {
                return null;
            }
            packed = packed << 8 | (Ascii.isUpper(c) ? c : c - ('a' - 'A'));
        }
        if (!CURRENCIES.contains(packed)) {
            return null;
        }
        return Ascii.isUpper(s.charAt(0)) && Ascii.isUpper(s.charAt(1)) && Ascii.isUpper(s.charAt(2))
                ? s
                : s.toUpperCase(java.util.Locale.ROOT);
    }

    /** Applies a case rule. */
    static String cased(Options.Case rule, String s) {
        switch (rule) {
            case UPPER:
                return s.toUpperCase(java.util.Locale.ROOT);
            case LOWER:
                return Ascii.lower(s);
            default:
                return s;
        }
    }

    /** What a valid value of a kind looks like, for rejection messages. */
    static String expectation(RuleKind kind) {
        switch (kind) {
            case INTEGER:
                return "a whole number";
            case DECIMAL:
                return "a decimal number with a dot, e.g. 12.50";
            case CURRENCY:
                return "an ISO-4217 currency code, e.g. USD";
            case ENUM:
                return "one of the values the mapping table lists";
            default:
                return "a value of type " + kind.label();
        }
    }

    /**
     * Whether a value has the shape of Awin's click reference {@code awc}:
     * {@code <digits>_<digits>_<hex>} (platforms.md §3.3, the shape S4's own regex accepts).
     */
    static boolean isAwc(String s) {
        int n = s.length();
        if (n > 128) {
            return false;
        }
        int i = digits(s, 0);
        if (i == 0 || i >= n || s.charAt(i) != '_') {
            return false;
        }
        int j = digits(s, i + 1);
        if (j == i + 1 || j >= n || s.charAt(j) != '_') {
            return false;
        }
        int k = j + 1;
        if (k == n) {
            return false;
        }
        for (; k < n; k++) {
            if (Ascii.hexValue(s.charAt(k)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && Ascii.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u00A0';
    }

    private static Set<Integer> currencies() {
        Set<Integer> codes = new HashSet<>();
        for (Currency currency : Currency.getAvailableCurrencies()) {
            String code = currency.getCurrencyCode();
            if (code.length() == 3) {
                codes.add(code.charAt(0) << 16 | code.charAt(1) << 8 | code.charAt(2));
            }
        }
        return Set.copyOf(codes);
    }
}
