package io.cutover.loadtest.sandbox;

import io.cutover.ops.admin.AdminToken;
import java.util.List;

/** What the sandbox prints once it runs: where everything is, and commands to try, in order. */
final class TryThis {

    private TryThis() {}

    private static String mapping(Sandbox sandbox) {
        List<String> sources = sandbox.cutover().translator().table().sources();
        return sandbox.cutover().config().mappingFiles().isEmpty()
                ? "built-in tables (mappings/*.yaml)"
                : String.join(", ", sources) + " (watched: an edit reloads)";
    }

    /** The HTTPS lines, with the CA to trust. */
    static String https(Sandbox sandbox, SandboxTls tls) {
        int port = sandbox.cutover().tlsPort();
        String click = "https://www.shareasale.com:" + port
                + "/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov";
        return String.join(
                "\n",
                "Over HTTPS (HTTP/2 when the client offers it):",
                "  curl -si --http2 --cacert " + tls.caCertificate() + " --resolve www.shareasale.com:" + port
                        + ":127.0.0.1 '" + click + "'");
    }

    static String text(Sandbox sandbox) {
        String cutover = sandbox.url();
        String admin = "http://127.0.0.1:" + sandbox.cutover().adminPort();
        String awin = sandbox.awin().trackingUri().toString();
        String awinControl = "http://127.0.0.1:" + sandbox.awin().controlPort();
        String sas = "http://127.0.0.1:" + sandbox.shareASale().trackingPort();
        String sasControl = "http://127.0.0.1:" + sandbox.shareASale().controlPort();
        String sqs = "http://127.0.0.1:" + sandbox.sqs().port();
        String sqsControl = "http://127.0.0.1:" + sandbox.sqs().controlPort();
        String click = cutover + "/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov";
        String sale = cutover + "/sale.cfm?merchantID=41388&tracking=ORDER-1001&amount=25.00&transtype=sale"
                + "&currency=USD&couponcode=SPRING&skulist=S1,S2&pricelist=10.00,7.50&quantitylist=1,2";
        String auth = "-H \"Authorization: Bearer $CUTOVER_ADMIN_TOKEN\" ";
        String token = sandbox.adminTokenGenerated()
                ? "  admin token          made up for this run; in the shell you try from:\n"
                        + "                       export CUTOVER_ADMIN_TOKEN=" + sandbox.adminToken()
                : "  admin token          from CUTOVER_ADMIN_TOKEN (" + AdminToken.REDACTED + ")";
        return String.join(
                "\n",
                "Cutover sandbox: everything runs in this process, on loopback.",
                "",
                "  Cutover              " + cutover + "   admin " + admin + "/",
                "  live dashboard       " + admin + "/   (open it in a browser; it updates every second)",
                token,
                "  simulated Awin       " + awin + "   control " + awinControl,
                "  simulated ShareASale " + sas + "   control " + sasControl,
                "  SQS (ElasticMQ)      " + sqs + "   control " + sqsControl + "   queue "
                        + sandbox.sqs().queueUrl(),
                "  spool                " + sandbox.spoolDir(),
                "  mapping              " + mapping(sandbox) + ", sample directory (config/directory/sample.yaml)",
                "",
                "Try:",
                "  # a click: translated, sent to the simulated Awin, 302 to the landing with awc",
                "  curl -si '" + click + "'",
                "  # what the simulated Awin received, with the translated parameters and X-Cutover-Event-Id",
                "  curl -s " + awinControl + "/received",
                "  # take Awin down: the same click lands through the simulated ShareASale (sscid)",
                "  curl -s -X POST '" + awinControl + "/fault?mode=down'",
                "  curl -si '" + click + "'",
                "  # take ShareASale down too: Cutover answers by itself with the landing page",
                "  curl -s -X POST '" + sasControl + "/fault?mode=down'",
                "  curl -si '" + click + "'",
                "  # ... and queues the event for replay: fate queued, the message in cutover-retry",
                "  curl -s " + sqsControl + "/queues",
                "  # take SQS down too: events are spooled (fsync'd) before the answer, fate spooled",
                "  curl -s -X POST '" + sqsControl + "/fault?mode=down'",
                "  curl -si '" + click + "'",
                "  # SQS back: the spool drains to cutover-retry within a second",
                "  curl -s -X POST '" + sqsControl + "/fault?mode=ok'; sleep 1; curl -s " + sqsControl + "/queues",
                "  # back to normal: events queued during the outage reach the simulated Awin within seconds",
                "  curl -s -X POST " + awinControl + "/reset; curl -s -X POST " + sasControl + "/reset",
                "  # a sale pixel: the browser gets the GIF, the simulated Awin gets sread.img",
                "  curl -s -D - -o /dev/null '" + sale + "'",
                "  curl -s " + awinControl + "/received",
                "  # what it counted, once per event ID (replays marked X-Cutover-Replay: 1), and the replays",
                "  curl -s " + awinControl + "/stats",
                "  curl -s " + admin + "/metrics | grep '^cutover_replay'",
                "  # dead letters (events that kept failing) back to the retry queue",
                "  curl -s -X POST " + auth + admin + "/admin/redrive",
                "  # everything an operator looks at, as JSON (reading needs no token)",
                "  curl -s " + admin + "/admin/state",
                "  # hold Awin's breaker open (clicks go to ShareASale), then hand it back",
                "  curl -s -X POST " + auth + "'" + admin + "/admin/breakers/primary?state=forced-open'",
                "  curl -s -X POST " + auth + "'" + admin + "/admin/breakers/primary?state=auto'",
                "  # without the token: 401, nothing changes",
                "  curl -si -X POST '" + admin + "/admin/breakers/primary?state=forced-open'",
                "  # the translation step by step, without sending anything",
                "  bin/cutover explain '" + click + "'",
                "  # reload the mapping now (edits of --mapping DIR files reload by themselves)",
                "  curl -s -X POST " + auth + admin + "/admin/reload",
                "  # events by kind and fate",
                "  curl -s " + admin + "/metrics | grep -E '^cutover_events_(received_)?total|^cutover_spool_'",
                "  # readiness (503 while draining), liveness",
                "  curl -s " + admin + "/ready; curl -s " + admin + "/live",
                "",
                "",
                "Ctrl-C drains (requests in flight finish, queue and spool flushed), then stops everything.");
    }
}
