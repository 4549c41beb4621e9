package dev.relpromo.planner.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings were produced by Python's {@code urllib.parse.urlencode} and {@code quote}. */
class AttributionCodeTest {

    @Test
    void generatesTheRealPipelinesCode() {
        AttributionCode code = AttributionCode.generate("distribution", "mozilla", "softonic", "softonic-003",
                null, null);

        assertThat(code.value()).isEqualTo("medium=distribution&source=mozilla&campaign=softonic&content=softonic-003");
        assertThat(code.params()).containsExactly(Map.entry("medium", "distribution"), Map.entry("source", "mozilla"),
                Map.entry("campaign", "softonic"), Map.entry("content", "softonic-003"));
    }

    @Test
    void appendsVariationThenExperimentEncodedLikeQuotePlus() {
        AttributionCode code = AttributionCode.generate("distribution", "mozilla", "softonic", "softonic-003",
                "spring sale & more", "exp=1/2~*");

        assertThat(code.value()).isEqualTo("medium=distribution&source=mozilla&campaign=softonic&content=softonic-003"
                + "&variation=spring+sale+%26+more&experiment=exp%3D1%2F2~%2A");
        assertThat(code.params()).containsEntry("variation", "spring sale & more")
                .containsEntry("experiment", "exp=1/2~*");
    }

    @Test
    void encodesNonAsciiAsUppercaseUtf8PercentEscapes() {
        AttributionCode code = AttributionCode.generate("partner", "Ünïcødé", "c", "d", "日本", "😀");

        assertThat(code.value()).isEqualTo("medium=partner&source=%C3%9Cn%C3%AFc%C3%B8d%C3%A9&campaign=c&content=d"
                + "&variation=%E6%97%A5%E6%9C%AC&experiment=%F0%9F%98%80");
        assertThat(code.params()).containsEntry("source", "Ünïcødé").containsEntry("experiment", "😀");
    }

    @Test
    void encodesReservedCharacters() {
        assertThat(UrlEncoding.quotePlus("a+b%c'\"<>#?")).isEqualTo("a%2Bb%25c%27%22%3C%3E%23%3F");
    }

    @Test
    void leavesOutEmptyVariationAndExperimentLikeThePythonTruthinessCheck() {
        assertThat(AttributionCode.generate("m", "s", "c", "d", "", "").value())
                .isEqualTo("medium=m&source=s&campaign=c&content=d");
    }

    @Test
    void quotesTheCodeOnceMoreForTheInstallerSlot() {
        assertThat(AttributionCode.generate("distribution", "mozilla", "softonic", "softonic-003", null, null)
                .quotedForInstaller())
                .isEqualTo("medium%3Ddistribution%26source%3Dmozilla%26campaign%3Dsoftonic%26content%3Dsoftonic-003");
        assertThat(AttributionCode.generate("distribution", "mozilla", "softonic", "softonic-003",
                "spring sale & more", "exp=1/2~*").quotedForInstaller())
                .isEqualTo("medium%3Ddistribution%26source%3Dmozilla%26campaign%3Dsoftonic%26content%3Dsoftonic-003"
                        + "%26variation%3Dspring%2Bsale%2B%2526%2Bmore%26experiment%3Dexp%253D1%252F2~%252A");
    }

    @Test
    void parsesAValidCodeBackIntoItsParameters() {
        AttributionCode code = AttributionCode.parse("dlsource=mozillaci&ua=chrome");

        assertThat(code.params()).containsExactly(Map.entry("dlsource", "mozillaci"), Map.entry("ua", "chrome"));
        assertThat(code).isEqualTo(AttributionCode.parse("dlsource=mozillaci&ua=chrome"));
    }

    @Test
    void dlsourceAloneIsEnough() {
        assertThat(AttributionCode.problems("dlsource=mozillaci")).isEmpty();
    }

    @Test
    void withoutDlsourceAllFourPartnerKeysAreNeeded() {
        assertThat(AttributionCode.problems("medium=distribution&source=mozilla"))
                .containsExactly("either 'dlsource' or all of 'source', 'medium', 'campaign' and 'content' are needed;"
                        + " missing: campaign, content");
    }

    @Test
    void refusesUnknownKeys() {
        assertThat(AttributionCode.problems("dlsource=x&utm_source=y"))
                .containsExactly("unknown key 'utm_source' (allowed: source, medium, campaign, content, experiment,"
                        + " variation, ua, dlsource)");
    }

    @Test
    void refusesRepeatedKeys() {
        assertThat(AttributionCode.problems("dlsource=x&ua=a&ua=b")).containsExactly("repeated key 'ua'");
    }

    @Test
    void refusesCodesLongerThan1010Characters() {
        String atLimit = "dlsource=" + "x".repeat(1010 - 9);
        assertThat(AttributionCode.problems(atLimit)).isEmpty();
        assertThat(AttributionCode.problems(atLimit + "x"))
                .containsExactly("attribution code is 1011 characters long, more than 1010");
    }

    @Test
    void refusesAnEmptyCode() {
        assertThat(AttributionCode.problems("")).containsExactly("attribution code is empty");
        assertThat(AttributionCode.problems(null)).containsExactly("attribution code is empty");
    }

    @Test
    void refusesWhatPythonWouldSilentlyDrop() {
        assertThat(AttributionCode.problems("dlsource=x&&ua")).containsExactly(
                "empty parameter (a leading, trailing or doubled '&')",
                "parameter 'ua' has no '=' (expected key=value)");
        assertThat(AttributionCode.problems("dlsource=x&ua=")).containsExactly("key 'ua' has an empty value");
        assertThat(AttributionCode.problems("dlsource=x%2")).containsExactly(
                "value of 'dlsource': '%' at index 1 is not followed by two hex digits");
        assertThat(AttributionCode.problems("dlsource=%FF")).containsExactly(
                "value of 'dlsource': the percent-encoded bytes are not valid UTF-8");
        assertThat(AttributionCode.problems("dlsource=x&u%ZZa=b")).containsExactly(
                "key 'u%ZZa': '%' at index 1 is not followed by two hex digits");
    }

    @Test
    void refusesACodeThatIsNotUrlEncoded() {
        assertThat(AttributionCode.problems("dlsource=a b"))
                .containsExactly("character U+0020 at index 10 must be percent-encoded");
        assertThat(AttributionCode.problems("dlsource=é"))
                .containsExactly("character U+00E9 at index 9 must be percent-encoded");
    }

    @Test
    void parseThrowsEveryProblemNamingTheCode() {
        assertThatThrownBy(() -> AttributionCode.parse("medium=m&medium=n"))
                .isInstanceOfSatisfying(InvalidAttributionCodeException.class, e -> {
                    assertThat(e.code()).isEqualTo("medium=m&medium=n");
                    assertThat(e.problems()).isEqualTo(List.of(
                            "invalid attribution code 'medium=m&medium=n': repeated key 'medium'",
                            "invalid attribution code 'medium=m&medium=n': either 'dlsource' or all of 'source',"
                                    + " 'medium', 'campaign' and 'content' are needed; missing: source, campaign, content"));
                });
    }

    @Test
    void generateRefusesAnEmptyRequiredValueAndATooLongCode() {
        assertThatThrownBy(() -> AttributionCode.generate("", "mozilla", "c", "d", null, null))
                .isInstanceOf(InvalidAttributionCodeException.class)
                .hasMessage("invalid attribution code 'medium=&source=mozilla&campaign=c&content=d':"
                        + " key 'medium' has an empty value");
        assertThatThrownBy(() -> AttributionCode.generate("m", "s", "c", "d", "v".repeat(1000), null))
                .isInstanceOf(InvalidAttributionCodeException.class)
                .hasMessage("invalid attribution code 'medium=m&source=s&campaign=c&content=d&variation=" + "v".repeat(31) + "…':"
                        + " attribution code is 1049 characters long, more than 1010");
    }
}
