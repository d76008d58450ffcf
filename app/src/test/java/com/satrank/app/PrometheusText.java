package com.satrank.app;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4: every line must be a HELP, a
 * TYPE, blank, or a sample whose family was declared by a TYPE line, with valid names, label sets
 * and float values. Throws on the first bad line.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|summary|histogram|untyped)");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\[\\\\\"n]|[^\"\\\\])*\"");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");

    private PrometheusText() {
    }

    /** The value of one series (name and labels exactly as exported, e.g. {@code x{kind="a"}}), if exported. */
    static java.util.OptionalDouble value(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                String value = line.substring(series.length() + 1).trim();
                int timestamp = value.indexOf(' ');
                return java.util.OptionalDouble.of(Double.parseDouble(timestamp < 0 ? value : value.substring(0, timestamp)));
            }
        }
        return java.util.OptionalDouble.empty();
    }

    /** @return the sample names seen */
    static Set<String> parse(String text) {
        Set<String> families = new HashSet<>();
        Set<String> samples = new HashSet<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty() || HELP.matcher(line).matches()) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                if (!families.add(type.group(1))) {
                    throw new IllegalArgumentException("line " + lineNo + ": family declared twice: " + line);
                }
                continue;
            }
            if (line.startsWith("#")) {
                throw new IllegalArgumentException("line " + lineNo + ": unknown comment: " + line);
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("line " + lineNo + ": not a sample: " + line);
            }
            String name = sample.group(1);
            if (families.stream().noneMatch(f -> name.equals(f) || name.startsWith(f + "_"))) {
                throw new IllegalArgumentException("line " + lineNo + ": sample without TYPE: " + line);
            }
            if (sample.group(3) != null && !sample.group(3).isEmpty()) {
                for (String label : splitLabels(sample.group(3))) {
                    if (!LABEL.matcher(label).matches()) {
                        throw new IllegalArgumentException("line " + lineNo + ": bad label " + label);
                    }
                }
            }
            String value = sample.group(4);
            if (!value.equals("NaN") && !value.equals("+Inf") && !value.equals("-Inf")) {
                Double.parseDouble(value);
            }
            samples.add(name);
        }
        return samples;
    }

    private static java.util.List<String> splitLabels(String body) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && inQuotes && i + 1 < body.length()) {
                cur.append(c).append(body.charAt(++i));
                continue;
            }
            if (c == '"') {
                inQuotes = !inQuotes;
            }
            if (c == ',' && !inQuotes) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }
}
