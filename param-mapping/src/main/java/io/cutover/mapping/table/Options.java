package io.cutover.mapping.table;

/** The small closed vocabularies of a mapping file, each with its spelling in the file. */
public final class Options {

    private Options() {}

    /** What a typed rule does with a value that is not of its type ({@code invalid:}). */
    public enum Invalid {
        /** Leave the Awin parameter out (or use the rule's default); the event still counts. */
        OMIT("omit"),
        /** Refuse the whole request with the reason. */
        REJECT("reject");

        private final String spelling;

        Invalid(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    /** How an emitted value is cased ({@code case:}); legacy names always match case-insensitively. */
    public enum Case {
        KEEP("keep"),
        UPPER("upper"),
        LOWER("lower");

        private final String spelling;

        Case(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    /** What an endpoint does with a parameter its table does not name ({@code unknown:}). */
    public enum Unknown {
        /** Not forwarded; explain lists it as "not in the mapping table". */
        DROP("drop"),
        /** Forwarded to Awin under its own name, its value as received. */
        PASS_THROUGH("pass-through"),
        /** The request is refused with the parameter's name. */
        REJECT("reject");

        private final String spelling;

        Unknown(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    /** What a {@code rows:} zip does when its lists have different lengths ({@code unequal:}). */
    public enum Unequal {
        /** As many rows as the shortest list; the extra items are dropped. */
        SHORTEST("shortest"),
        /** As many rows as the longest list; missing items are empty. */
        LONGEST("longest"),
        /** No rows at all; the rest of the conversion is still sent. */
        OMIT("omit");

        private final String spelling;

        Unequal(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    /** The value of a closed vocabulary spelled {@code text}, or {@code null}. */
    static <E extends Enum<E>> E parse(Class<E> type, String text) {
        for (E value : type.getEnumConstants()) {
            if (spelling(value).equals(text)) {
                return value;
            }
        }
        return null;
    }

    /** {@code one of a, b, c} for messages. */
    static <E extends Enum<E>> String expected(Class<E> type) {
        StringBuilder text = new StringBuilder("one of ");
        E[] values = type.getEnumConstants();
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(spelling(values[i]));
        }
        return text.toString();
    }

    private static String spelling(Enum<?> value) {
        if (value instanceof Invalid v) {
            return v.spelling();
        }
        if (value instanceof Case v) {
            return v.spelling();
        }
        if (value instanceof Unknown v) {
            return v.spelling();
        }
        if (value instanceof Unequal v) {
            return v.spelling();
        }
        return ((WhenEmpty) value).spelling();
    }
}
