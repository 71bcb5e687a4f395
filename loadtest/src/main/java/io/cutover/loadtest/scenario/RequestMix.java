package io.cutover.loadtest.scenario;

import io.cutover.failover.queue.QueuedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a scenario sends: weighted request shapes against the sample directory, each made unique
 * by a running number (an order reference, a sub-ID), drawn in a fixed rotation so that a short
 * run sends every shape. The default mix has deep links and plain clicks, deal and product
 * clicks, sales, and a click for a merchant Awin does not know (legacy's own).
 */
public final class RequestMix {

    /** One request shape: {@code {n}} in the template is replaced by the request's number. */
    public record Shape(String template, int weight) {
        public Shape {
            Objects.requireNonNull(template, "template");
            if (!template.startsWith("/") || weight < 1) {
                throw new IllegalArgumentException("shape " + template + " (expected: a path and a weight >= 1)");
            }
        }
    }

    private final List<String> rotation;
    private final AtomicLong next = new AtomicLong();

    public RequestMix(List<Shape> shapes) {
        List<String> rotation = new ArrayList<>();
        for (Shape shape : shapes) {
            for (int i = 0; i < shape.weight(); i++) {
                rotation.add(shape.template());
            }
        }
        if (rotation.isEmpty()) {
            throw new IllegalArgumentException("shapes: none (expected: at least one)");
        }
        this.rotation = List.copyOf(rotation);
    }

    public static RequestMix standard() {
        return new RequestMix(List.of(
                new Shape("/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D{n}&afftrack=s{n}", 4),
                new Shape("/r.cfm?b=1&u=873588&m=41388&urllink=&afftrack=s{n}", 2),
                new Shape("/u.cfm?d=440762&m=41388&u=873588&afftrack=s{n}", 1),
                new Shape("/m-pr.cfm?merchantID=41388&userID=873588&productID=7{n}", 1),
                new Shape("/sale.cfm?merchantID=41388&tracking=ORDER-{n}&amount=25.00&transtype=sale&currency=usd", 2),
                new Shape("/r.cfm?b=1&u=111111&m=99999&urllink=&afftrack=s{n}", 1)));
    }

    /** The next request target; thread-safe. */
    public String next() {
        long n = next.getAndIncrement();
        return rotation.get((int) (n % rotation.size())).replace("{n}", Long.toString(n));
    }

    /** What the ledger expects the request to become: a sale pixel is a conversion, the rest clicks. */
    public static QueuedEvent.Kind kindOf(String target) {
        return target.startsWith("/sale.cfm") ? QueuedEvent.Kind.CONVERSION : QueuedEvent.Kind.CLICK;
    }
}
