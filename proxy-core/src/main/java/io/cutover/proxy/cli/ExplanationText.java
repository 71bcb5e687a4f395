package io.cutover.proxy.cli;

import io.cutover.mapping.Explanation;
import java.util.List;

/** Renders an {@link Explanation} as an aligned table a person reads in a terminal. */
final class ExplanationText {

    private static final int MAX_CELL = 48;

    private ExplanationText() {}

    static String render(String input, String tables, Explanation e, String upstream, String target) {
        StringBuilder out = new StringBuilder();
        line(out, "link", input);
        line(out, "kind", e.kind().legacyPath().substring(1));
        line(out, "mapping", e.mapping().orElse("none for " + e.kind().legacyPath()));
        line(out, "tables", tables);
        out.append('\n');
        List<Explanation.Step> steps = e.steps();
        if (!steps.isEmpty()) {
            String[] header = {"parameter", "value", "rule", "result", "source"};
            int[] width = new int[header.length];
            for (int i = 0; i < header.length; i++) {
                width[i] = header[i].length();
            }
            for (Explanation.Step s : steps) {
                String[] row = row(s);
                for (int i = 0; i < row.length; i++) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            }
            appendRow(out, header, width);
            for (Explanation.Step s : steps) {
                appendRow(out, row(s), width);
                s.note().ifPresent(note -> out.append("    note: ").append(note).append('\n'));
            }
            out.append('\n');
        }
        line(out, "outcome", e.outcome());
        e.reason().ifPresent(reason -> line(out, "reason", reason));
        if (upstream != null) {
            line(out, "primary", upstream);
        }
        if (e.outcome().equals("unmapped")) {
            line(out, "legacy", target + "   (sent unchanged: legacy knows its own links)");
        }
        e.landing().ifPresent(landing -> line(out, "landing", landing + "   (if no backend answers)"));
        return out.toString();
    }

    private static String[] row(Explanation.Step s) {
        return new String[] {
            cell(s.parameter()),
            cell(s.rawValue().map(v -> v.isEmpty() ? "''" : v).orElse("-")),
            cell(s.rule()),
            cell(s.result()),
            s.source().orElse("")
        };
    }

    private static String cell(String text) {
        return text.length() <= MAX_CELL ? text : text.substring(0, MAX_CELL - 1) + "…";
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] width) {
        out.append("  ");
        for (int i = 0; i < cells.length; i++) {
            out.append(cells[i]);
            if (i < cells.length - 1) {
                out.append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(label)
                .append(" ".repeat(Math.max(1, 9 - label.length())))
                .append(value)
                .append('\n');
    }
}
