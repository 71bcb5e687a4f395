package io.cutover.loadtest.scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A small open-model generator of the scenarios' own: one shared schedule of due times (the
 * rate times the profile's multiplier), taken in turn by a fixed set of keep-alive connections;
 * a request's latency runs from when it was due. A connection that fails is opened again for the
 * next request, so a restarted Cutover is found where it was.
 */
public final class PacedLoad implements ScenarioLoad {

    private static final int TIMEOUT_MILLIS = 5000;

    @Override
    public void run(LoadPlan plan, Answers answers) throws InterruptedException {
        Schedule schedule = new Schedule(plan);
        ExecutorService pool = Executors.newFixedThreadPool(plan.connections(), runnable -> {
            Thread thread = new Thread(runnable, "scenario-load");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> connections = new ArrayList<>();
            for (int c = 0; c < plan.connections(); c++) {
                connections.add(pool.submit(() -> connection(plan, schedule, answers)));
            }
            long bound = plan.duration().multipliedBy(2).plusSeconds(30).toMillis();
            for (Future<?> connection : connections) {
                try {
                    connection.get(bound, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("a load connection failed", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The due times, shared by every connection: the next is one interval (at the current multiplier) on. */
    private static final class Schedule {
        private final LoadPlan plan;
        private final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        private final long end;
        private long next = start;
        private long taken;

        Schedule(LoadPlan plan) {
            this.plan = plan;
            this.end = start + plan.duration().toNanos();
        }

        /** The next due time, or -1 once the run is over. */
        synchronized long take() {
            if (taken >= plan.maxRequests() || next >= end) {
                return -1;
            }
            long due = next;
            taken++;
            double multiplier = plan.profile().multiplier(Duration.ofNanos(due - start));
            next += (long) (TimeUnit.SECONDS.toNanos(1) / (plan.rate() * multiplier));
            return due;
        }
    }

    private static void connection(LoadPlan plan, Schedule schedule, Answers answers) {
        Connection connection = new Connection(plan.target());
        try {
            long due;
            while ((due = schedule.take()) >= 0) {
                long now;
                while ((now = System.nanoTime()) < due) {
                    // Parked, not spinning: a spinning client steals the server's CPU on a small machine.
                    LockSupport.parkNanos(due - now);
                }
                String target = plan.mix().next();
                try {
                    Connection.Answer answer = connection.get(target);
                    answers.answered(target, answer.status(), answer.eventId(), due, System.nanoTime() - due);
                } catch (IOException e) {
                    connection.disconnect();
                    answers.failed(target, due, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        } finally {
            connection.disconnect();
        }
    }

    /** One keep-alive HTTP/1.1 connection, one request at a time; just enough parsing for status, ID and body end. */
    private static final class Connection {
        record Answer(int status, String eventId) {}

        private final InetSocketAddress address;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(InetSocketAddress address) {
            this.address = address;
        }

        Answer get(String target) throws IOException {
            if (socket == null) {
                Socket opened = new Socket();
                try {
                    opened.setTcpNoDelay(true);
                    opened.connect(address, TIMEOUT_MILLIS);
                    opened.setSoTimeout(TIMEOUT_MILLIS);
                } catch (IOException e) {
                    opened.close();
                    throw e;
                }
                socket = opened;
                in = new java.io.BufferedInputStream(opened.getInputStream(), 8192);
                out = opened.getOutputStream();
            }
            out.write(
                    ("GET " + target + " HTTP/1.1\r\nHost: www.shareasale.com\r\nUser-Agent: cutover-scenario\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead();
            if (!head.startsWith("HTTP/1.1 ") || head.length() < 12) {
                throw new IOException(
                        "not an HTTP/1.1 response: " + head.lines().findFirst().orElse(""));
            }
            int status = Integer.parseInt(head.substring(9, 12));
            long length = 0;
            boolean close = false;
            String eventId = null;
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                } else if (lower.startsWith("x-cutover-event-id:")) {
                    eventId = line.substring(19).trim();
                } else if (lower.startsWith("transfer-encoding:")) {
                    throw new IOException("a chunked answer (expected: a length)");
                }
            }
            for (long skipped = 0; skipped < length; ) {
                long n = in.skip(length - skipped);
                if (n <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed in the body");
                    }
                    n = 1;
                }
                skipped += n;
            }
            if (close) {
                disconnect();
            }
            return new Answer(status, eventId);
        }

        private String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream(256);
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed before the response head");
                }
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1
                        : b == '\r' ? 1 : 0;
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        void disconnect() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }
}
