package io.cutover.loadtest.sandbox;

import io.cutover.proxy.cli.CutoverMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cutover serve} in a JVM of its own, on this JVM's class path: what the load comparison,
 * the kill-and-restart scenario and the tests of signals and kills run, as an operator would.
 */
public final class ServeProcess {

    private static final Pattern LISTENING = Pattern.compile("cutover: listening on 127\\.0\\.0\\.1:(\\d+)");

    private ServeProcess() {}

    /**
     * The command line: this JVM's {@code java}, Cutover's {@link CutoverMain#JVM_OPTIONS}, {@code
     * jvmOptions}, then {@code serve --config}.
     */
    public static List<String> command(Path config, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(CutoverMain.JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CutoverMain.class.getName());
        command.addAll(List.of("serve", "--config", config.toString()));
        return command;
    }

    /** Starts it, its standard error to {@code stderr}; read its port with {@link #listeningPort}. */
    public static Process start(Path config, Path stderr) throws IOException {
        return new ProcessBuilder(command(config, List.of()))
                .redirectError(stderr.toFile())
                .start();
    }

    /**
     * Reads the child's banner for the port it listens on, and keeps reading its output so that
     * it never blocks on a full pipe. A child that exits or stays silent past {@code timeout} is
     * killed, and the failure thrown.
     */
    public static int listeningPort(Process process, Duration timeout) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            Matcher m = LISTENING.matcher(line);
                            if (m.find()) {
                                port.complete(Integer.parseInt(m.group(1)));
                            }
                        }
                        port.completeExceptionally(new IllegalStateException("cutover serve exited before listening"));
                    } catch (IOException e) {
                        port.completeExceptionally(e);
                    }
                },
                "cutover-child-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }
}
