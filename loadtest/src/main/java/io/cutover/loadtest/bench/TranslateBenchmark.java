package io.cutover.loadtest.bench;

import io.cutover.mapping.LinkKind;
import io.cutover.mapping.MappingResult;
import io.cutover.mapping.RequestContext;
import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.table.MappingTable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + map per request, the translator's whole hot path, for the click and the conversion
 * that carry the most work: an r.cfm deep link (landing decoded, checked and encoded) and a full
 * sale.cfm pixel (typed values, a condition, a template, two product rows, the cookie scan).
 *
 * <pre>
 * mvn -B -q -pl loadtest -am -DskipTests package
 * java -cp 'loadtest/target/classes:loadtest/target/lib/*' org.openjdk.jmh.Main TranslateBenchmark -prof gc
 * </pre>
 *
 * The aim is at most 2 µs and 2 KiB ({@code gc.alloc.rate.norm}) per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TranslateBenchmark {

    /** The foundation's must-show click: ShareASale's own deep-link recipe (platforms.md §1.1). */
    static final String CLICK = "b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov";

    /** A sale with every common parameter and a two-item basket (platforms.md §2.1). */
    static final String SALE = "merchantID=41388&tracking=ORDER-10001&amount=25.00&transtype=sale&currency=USD"
            + "&couponcode=SPRING,VIP&skulist=S1,S2&pricelist=10.00,7.50&quantitylist=1,2&newcustomer=1"
            + "&v=1.4.7&sscid=41k7_n2lff&sscidmode=6";

    static final String COOKIE = "_ga=GA1.2.3.4; aw15532=15532_1700000000_ee2e276e0114582ab5516d0d1e36bbf3";

    private Translator translator;
    private String cookie;

    @Setup
    public void setUp() {
        translator = new Translator(MappingTable.builtIn(), FileDirectory.sample());
        cookie = COOKIE;
    }

    @Benchmark
    public MappingResult rCfmClick() {
        return translator.translate(LinkKind.BANNER_CLICK, CLICK);
    }

    @Benchmark
    public MappingResult saleCfmPixel() {
        // The context is built per request, as the server does.
        return translator.translate(LinkKind.CONVERSION, SALE, RequestContext.of(cookie));
    }
}
