package dev.relpromo.signing.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line as an operator writes it in a setting, e.g.
 * {@code rcodesign sign --p12-file {p12} --p12-password-file {password_file} {bundle}}.
 *
 * <p>The template is split into arguments once, here, on whitespace; single or double quotes group an argument
 * that contains spaces ({@code '--title=Partner build'}); there are no escapes and no shell. A placeholder
 * {@code {name}} ({@code [a-z][a-z0-9_]*}) is replaced inside its argument by the value as is: a value with
 * spaces, quotes or {@code ;} stays one argument and is never interpreted. Other braces are literal.
 */
public final class CommandTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");
    private final String text;
    private final List<String> arguments;
    private final Set<String> placeholders;

    private CommandTemplate(String text, List<String> arguments) {
        this.text = text;
        this.arguments = arguments;
        Set<String> names = new LinkedHashSet<>();
        for (String argument : arguments) {
            Matcher m = PLACEHOLDER.matcher(argument);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        this.placeholders = Collections.unmodifiableSet(names);
    }

    /** @throws IllegalArgumentException for an empty template or an unclosed quote */
    public static CommandTemplate parse(String template) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = null;
        char quote = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                current = current == null ? new StringBuilder() : current;
            } else if (Character.isWhitespace(c)) {
                if (current != null) {
                    arguments.add(current.toString());
                    current = null;
                }
            } else {
                current = current == null ? new StringBuilder() : current;
                current.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " in the command '" + template + "'");
        }
        if (current != null) {
            arguments.add(current.toString());
        }
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("the command is empty");
        }
        return new CommandTemplate(template, List.copyOf(arguments));
    }

    /** The placeholder names used, in order of first use. */
    public Set<String> placeholders() {
        return placeholders;
    }

    /** The program as written (the first argument, before substitution), for logs: {@code rcodesign}. */
    public String program() {
        return arguments.get(0);
    }

    /**
     * The argument list with every placeholder replaced by its value; one template argument gives exactly one
     * argument.
     *
     * @throws IllegalArgumentException when a placeholder has no value (names the placeholder)
     */
    public List<String> render(Map<String, String> values) {
        List<String> out = new ArrayList<>(arguments.size());
        for (String argument : arguments) {
            Matcher m = PLACEHOLDER.matcher(argument);
            StringBuilder rendered = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new IllegalArgumentException("the command '" + text + "' uses {" + m.group(1)
                            + "}, which has no value");
                }
                m.appendReplacement(rendered, Matcher.quoteReplacement(value));
            }
            m.appendTail(rendered);
            out.add(rendered.toString());
        }
        return out;
    }

    /** The template as written; it holds placeholders, not values, but is redacted like everything else when logged. */
    @Override
    public String toString() {
        return text;
    }
}
