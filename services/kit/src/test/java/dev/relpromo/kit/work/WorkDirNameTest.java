package dev.relpromo.kit.work;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkDirNameTest {
    @Test
    void idsThatSanitiseAlikeGetDifferentDirectories() {
        String a = Worker.workDirName("Firefox-135.0-build1/release-partner-repack-linux64-acme/1", 1);
        String b = Worker.workDirName("Firefox-135.0-build1/release-partner-repack-linux64-acme_1", 1);
        String c = Worker.workDirName("Firefox-135.0-build1/release-partner-repack-linux64-acme:1", 1);

        assertThat(a).startsWith("Firefox-135_0-build1_release-partner-repack-linux64-acme_1-").endsWith("-a1");
        assertThat(a).matches("[A-Za-z0-9_-]+-[0-9a-f]{16}-a1");
        assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
        assertThat(b).isNotEqualTo(c);
        assertThat(Worker.workDirName("same", 2)).isNotEqualTo(Worker.workDirName("same", 1));
    }

    @Test
    void longIdsGetBoundedNamesThatStayDistinct() {
        String prefix = "Firefox-135.0-build1/" + "x".repeat(500);
        String a = Worker.workDirName(prefix + "a", 12);
        String b = Worker.workDirName(prefix + "b", 12);

        assertThat(a).hasSize(60 + 1 + 16 + 4).isNotEqualTo(b);
        assertThat(a.substring(0, 60)).isEqualTo(b.substring(0, 60));
    }
}
