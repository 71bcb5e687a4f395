package io.cutover.loadtest.load.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuProfileTest {

    @Test
    void sumsUpSelfTimeTheKernelsShareAndEachOwnPackageOncePerStack() {
        List<String> collapsed = List.of(
                "java/lang/Thread.run;io/cutover/proxy/server/Receiver.read;io/cutover/mapping/Translation.run 50",
                // A package twice on one stack counts once for it.
                "java/lang/Thread.run;io/cutover/proxy/server/Receiver.read;io/cutover/proxy/server/Guard.scan 20",
                "java/lang/Thread.run;io/cutover/proxy/origin/OriginCall$$Lambda.0x00007f44d0247be0.accept;"
                        + "Java_io_netty_channel_unix_Socket_sendAddress;__x64_sys_sendto_[k];tcp_sendmsg_[k] 25",
                "G1YoungGC 5",
                "");

        CpuProfile.Summary summary = CpuProfile.summarize(collapsed, 3);

        assertThat(summary.samples()).isEqualTo(100);
        assertThat(summary.kernelPercent()).isEqualTo(25.0);
        assertThat(summary.hottest())
                .containsExactly(
                        new CpuProfile.Share("io.cutover.mapping.Translation.run", 50.0),
                        new CpuProfile.Share("tcp_sendmsg_[k]", 25.0),
                        new CpuProfile.Share("io.cutover.proxy.server.Guard.scan", 20.0));
        assertThat(summary.ownPackages())
                .containsExactly(
                        new CpuProfile.Share("io.cutover.proxy.server", 70.0),
                        new CpuProfile.Share("io.cutover.mapping", 50.0),
                        new CpuProfile.Share("io.cutover.proxy.origin", 25.0));
        assertThat(summary.describe("a test"))
                .contains("CPU profile of a test: 100 samples (one per 5 ms of CPU per thread), 25.0 % of them in the"
                        + " kernel.")
                .contains("| io.cutover.mapping.Translation.run | 50.0 % |")
                .contains("| io.cutover.proxy.server | 70.0 % |");
    }

    @Test
    void countsNestedAndLambdaClassesForThePackageOfTheirOutermostClass() {
        assertThat(CpuProfile.packageOf("io/cutover/mapping/Translation.run")).isEqualTo("io.cutover.mapping");
        assertThat(CpuProfile.packageOf("io/cutover/proxy/flow/TrackingFlow$1.apply"))
                .isEqualTo("io.cutover.proxy.flow");
        assertThat(CpuProfile.packageOf("io/cutover/proxy/origin/OriginCall$$Lambda.0x00007f44d0247be0.accept"))
                .isEqualTo("io.cutover.proxy.origin");
        assertThat(CpuProfile.packageOf("G1YoungGC")).isEmpty();
    }

    @Test
    void takesTheProfilersLibraryForThisMachineFromTheClassPath(@TempDir Path dir) throws IOException {
        Path library = CpuProfile.library(dir);

        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(library), 4);
        assertThat(head).containsExactly(0x7f, 'E', 'L', 'F');
    }

    @Test
    void aProcessThatIsNoJvmIsAClearFailure() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            assertThatThrownBy(() -> CpuProfile.jcmd(sleep.pid(), "sleep", "VM.version"))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("jcmd VM.version on sleep failed: ");
        } finally {
            sleep.destroyForcibly();
        }
    }
}
