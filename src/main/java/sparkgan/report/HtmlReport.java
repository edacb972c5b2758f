package sparkgan.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sparkgan.train.IterationMetrics;

/**
 * report.html: one self-contained page (every image inlined as a data URI) with the run facts, the
 * final metrics, the plots, the sample timeline and the configuration. It opens offline from disk.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** One frame of the sample timeline. */
    public record Frame(String label, byte[] png) {
    }

    public static byte[] render(Map<String, String> facts, IterationMetrics last, List<Charts.Plot> plots,
                                List<Frame> timeline, Map<String, String> config) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>spark-gan run</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222;background:#fafafa}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}")
                .append(".row{display:flex;flex-wrap:wrap;gap:12px}.frame{text-align:center;font-size:12px}")
                .append("img{background:#fff;border:1px solid #ddd}</style></head>\n<body>\n");
        h.append("<h1>spark-gan training run</h1>\n<h2>Run</h2>\n<table>");
        facts.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>"));
        h.append("</table>\n");
        if (last != null) {
            h.append("<h2>Final metrics</h2>\n<table><tr><th>iteration</th><th>d_loss</th><th>g_loss</th><th>D(x)</th>")
                    .append("<th>D(G(z))</th><th>D accuracy</th><th>wall time</th></tr>")
                    .append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.4f</td><td>%.4f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.1f s</td></tr></table>\n",
                            last.step(), last.dLoss(), last.gLoss(), last.dReal(), last.dFake(), last.dAccuracy(), last.elapsedSeconds()));
        }
        h.append("<h2>Plots</h2>\n<div class=\"row\">");
        for (Charts.Plot p : plots) {
            h.append("<img class=\"plot\" alt=\"").append(esc(p.title())).append("\" src=\"").append(dataUri(p.png())).append("\">");
        }
        h.append("</div>\n<h2>Samples over time</h2>\n<p>The same fixed noise batch at each point of the run.</p>\n<div class=\"row\">");
        for (Frame f : timeline) {
            h.append("<div class=\"frame\"><img class=\"sample\" width=\"232\" alt=\"").append(esc(f.label())).append("\" src=\"")
                    .append(dataUri(f.png())).append("\"><br>").append(esc(f.label())).append("</div>");
        }
        h.append("</div>\n<h2>Configuration</h2>\n<table>");
        config.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>"));
        h.append("</table>\n");
        // Lets a headless browser (and the test) see how many images decoded.
        h.append("<script>window.addEventListener('load',function(){var ok=0,imgs=document.images;")
                .append("for(var i=0;i<imgs.length;i++){if(imgs[i].complete&&imgs[i].naturalWidth>0)ok++;}")
                .append("document.body.setAttribute('data-images-loaded',ok+'/'+imgs.length);});</script>\n");
        h.append("</body></html>\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
