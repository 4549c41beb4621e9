package dev.relpromo.deploy;

import java.nio.file.Path;
import java.util.List;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/** The embedded Helm (helm-java): lint and template, nothing that needs a cluster. */
final class HelmRun {

    record Lint(boolean failed, List<String> messages) {
    }

    private HelmRun() {
    }

    static Lint lint(Path chart) {
        LintResult result = new Helm(chart).lint().strict().call();
        return new Lint(result.isFailed(), result.getMessages());
    }

    /** `helm template` with an optional extra values file; a chart or schema error throws IllegalStateException. */
    static String template(Path chart, Path valuesFile) {
        TemplateCommand template = new Helm(chart).template().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE);
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        return template.call();
    }
}
