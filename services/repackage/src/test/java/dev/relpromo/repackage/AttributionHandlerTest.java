package dev.relpromo.repackage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Platform;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.events.params.RepackageParams;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.pe.AttributionSlot;
import dev.relpromo.kit.pe.AttributionSlotException;
import dev.relpromo.kit.pe.MinimalPe;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attribution through the handler. This module has no Authenticode signer, so the "signed" installer is a
 * {@link MinimalPe} with a hand-made certificate table holding the empty slot, as the kit's
 * {@code AttributionSlotTest} builds it; signing with a real signature is tested in the signing module.
 */
class AttributionHandlerTest {
    private static final String CODE = "campaign=softonic&content=softonic-003&medium=distribution&source=mozilla";
    private static final String SIGNING = "build-signing-win32-shippable-de";

    @TempDir
    Path dir;
    private Fixture fx;
    private final AttributionHandler handler = new AttributionHandler();
    private Path signed;
    private Artifact signedInstaller;

    @BeforeEach
    void setUp() throws Exception {
        fx = new Fixture(dir);
        signed = Files.write(dir.resolve("signed.exe"), withCertificateTable(AttributionSlot.emptySlot()));
        signedInstaller = fx.upstream("builds/win32/de/target.installer.exe", "target.installer.exe", signed);
    }

    private static RepackageParams params(String path, String code) {
        return new RepackageParams(Fixture.RELEASE_REF, Fixture.repack(path, "softonic", "softonic-003", "de", 2),
                code);
    }

    private static WorkItem work(Platform platform, RepackageParams params, List<Artifact> upstream) {
        return Fixture.work(AttributionHandler.KIND, platform, params, SIGNING, upstream);
    }

    @Test
    void writesTheCodeIntoACopyOfTheSignedInstaller() throws Exception {
        byte[] original = Files.readAllBytes(signed);

        List<Artifact> out = handler.handle(work(Platform.WIN32, params(RepackRef.ATTRIBUTION, CODE),
                List.of(signedInstaller)), fx.context());

        String key = "releng/partner/firefox/135.0/build1/attribution/v2/softonic/softonic-003/win32/de/"
                + "target.installer.exe";
        assertThat(out).containsExactly(fx.store.stat(key).orElseThrow().asArtifact("target.installer.exe"));
        assertThat(AttributionSlot.read(fx.store.pathOf(key))).contains(CODE);
        Path expected = Files.write(dir.resolve("expected.exe"), original);
        AttributionSlot.write(expected, CODE);
        assertThat(fx.read(out.get(0))).isEqualTo(Files.readAllBytes(expected)); // only the slot (and checksum) changed
        assertThat(fx.read(signedInstaller)).as("the build's own installer").isEqualTo(original);
        assertThat(AttributionSlot.read(fx.store.pathOf(signedInstaller.storeKey()))).isEmpty();
    }

    @Test
    void aRerunStoresTheSameBytes() throws Exception {
        WorkItem item = work(Platform.WIN32, params(RepackRef.ATTRIBUTION, CODE), List.of(signedInstaller));

        List<Artifact> first = handler.handle(item, fx.context());
        List<Artifact> rerun = handler.handle(item, fx.context());

        assertThat(rerun).isEqualTo(first);
    }

    @Test
    void macAttributionIsRefusedForNow() throws Exception {
        WorkItem item = work(Platform.MACOSX64, params(RepackRef.ATTRIBUTION, CODE), List.of(signedInstaller));

        assertThatThrownBy(() -> handler.handle(item, fx.context()))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("task " + item.task().taskId() + ": macOS attribution of a dmg is not supported yet");
        assertThat(fx.store.list("releng/partner/")).isEmpty();
    }

    @Test
    void refusesTasksWithoutACodeOffTheAttributionPathOrWithoutASignedInstaller() throws Exception {
        List<WorkItem> bad = List.of(
                work(Platform.WIN32, params(RepackRef.ATTRIBUTION, ""), List.of(signedInstaller)),
                work(Platform.WIN32, params(RepackRef.ATTRIBUTION, null), List.of(signedInstaller)),
                work(Platform.WIN32, params(RepackRef.PARTNER, CODE), List.of(signedInstaller)),
                work(Platform.WIN32, params(RepackRef.ATTRIBUTION, CODE), List.of()),
                work(Platform.LINUX64, params(RepackRef.ATTRIBUTION, CODE), List.of(signedInstaller)));
        List<String> messages = List.of(
                "task TASK has no attribution_code",
                "task TASK has no attribution_code",
                "task TASK is on the 'partner' path, not 'attribution'",
                "task TASK: its build-signing upstream has no target.installer.exe (it has [])",
                "task TASK: linux64-shippable has no installer to attribute");
        for (int i = 0; i < bad.size(); i++) {
            WorkItem item = bad.get(i);
            assertThatThrownBy(() -> handler.handle(item, fx.context())).as(messages.get(i))
                    .isInstanceOf(TaskFailureException.class)
                    .hasMessage(messages.get(i).replace("TASK", item.task().taskId()));
        }
        assertThat(fx.store.list("releng/partner/")).isEmpty();
    }

    @Test
    void anInstallerSignedWithoutTheSlotFailsTheTaskAndStoresNothing() throws Exception {
        Artifact unsigned = fx.upstream("builds/win32/de/unsigned/target.installer.exe", "target.installer.exe",
                Files.write(dir.resolve("unsigned.exe"), MinimalPe.image(MinimalPe.Machine.I386)));

        assertThatThrownBy(() -> handler.handle(work(Platform.WIN32, params(RepackRef.ATTRIBUTION, CODE),
                List.of(unsigned)), fx.context()))
                .isInstanceOf(AttributionSlotException.class)
                .hasMessageEndingWith("has no certificate table: it is not signed, so it has no attribution slot");
        assertThat(fx.store.list("releng/partner/")).isEmpty();
    }

    /**
     * A win32 {@link MinimalPe} followed by a WIN_CERTIFICATE-like table (8 header bytes, the slot, 16 bytes standing
     * for the rest of a signature) that data directory 4 points at.
     */
    static byte[] withCertificateTable(byte[] slot) {
        ByteBuffer table = ByteBuffer.allocate(8 + slot.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        table.putInt(table.capacity()).putShort((short) 0x0200).putShort((short) 2).put(slot);
        byte[] image = MinimalPe.image(MinimalPe.Machine.I386);
        ByteBuffer pe = ByteBuffer.allocate(image.length + table.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        pe.put(image).put(table.array());
        int certificateTable = pe.getInt(0x3C) + 24 + 96 + 4 * 8; // PE32 optional header, data directory 4
        pe.putInt(certificateTable, image.length);
        pe.putInt(certificateTable + 4, table.capacity());
        return pe.array();
    }
}
