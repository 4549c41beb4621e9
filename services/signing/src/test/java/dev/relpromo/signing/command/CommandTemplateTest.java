package dev.relpromo.signing.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {
    @Test
    void placeholdersAreReplacedInsideOneArgumentAndNeverSplit() {
        CommandTemplate template = CommandTemplate.parse(
                "rcodesign sign --p12-file {p12} --p12-password-file={password_file}  '{bundle}' --code-signature-flags runtime");

        assertThat(template.placeholders()).containsExactly("p12", "password_file", "bundle");
        assertThat(template.program()).isEqualTo("rcodesign");
        assertThat(template.render(Map.of("p12", "/secrets/dev id.p12", "password_file", "/secrets/pw; rm -rf /",
                "bundle", "/work/bundle-1/tree/Firefox Nightly.app")))
                .containsExactly("rcodesign", "sign", "--p12-file", "/secrets/dev id.p12",
                        "--p12-password-file=/secrets/pw; rm -rf /", "/work/bundle-1/tree/Firefox Nightly.app",
                        "--code-signature-flags", "runtime");
    }

    @Test
    void quotesGroupAndOtherBracesAreLiteral() {
        CommandTemplate template = CommandTemplate.parse("tool \"--title=Partner {app} build\" '' {NotAPlaceholder} {}");

        assertThat(template.render(Map.of("app", "Firefox.app")))
                .containsExactly("tool", "--title=Partner Firefox.app build", "", "{NotAPlaceholder}", "{}");
    }

    @Test
    void aValueThatLooksLikeAPlaceholderIsNotExpandedAgain() {
        assertThat(CommandTemplate.parse("tool {a} {b}").render(Map.of("a", "{b}", "b", "$1")))
                .containsExactly("tool", "{b}", "$1");
    }

    @Test
    void mistakesAreClearErrors() {
        assertThatThrownBy(() -> CommandTemplate.parse("tool {bundle}").render(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the command 'tool {bundle}' uses {bundle}, which has no value");
        assertThatThrownBy(() -> CommandTemplate.parse("tool 'unclosed"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unclosed ' in the command 'tool 'unclosed'");
        assertThatThrownBy(() -> CommandTemplate.parse("   "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the command is empty");
    }
}
