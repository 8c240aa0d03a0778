import GlossaTerminology
import GlossaXML

/// `check --format html`: one self-contained page (its style and script inline, nothing
/// fetched) for people reviewing a check: findings grouped by rule, then by file, each with
/// the text around it and the marked term or number, the whole source and translation when
/// it is about a translation, and the suggestion; filters by severity and rule, which the
/// address keeps (`#severity=error,warning&rule=number-mismatch`) so a filtered view can be
/// shared.
struct HTMLReport {
    let report: Report

    func render() -> String {
        let findings = report.findings
        let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
        let summary = report.summary
        let rules = CheckRules.all.filter { rule in findings.contains { $0.rule == rule.id } }
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
            <title>glossa check: \(escape(summary))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header>
            <h1>glossa check</h1>
            <p id="summary">\(escape(summary))</p>
            <form id="filters">
            <fieldset><legend>Severity</legend>
            """
        for severity in Severity.allCases.reversed() {
            page += "<label><input type=\"checkbox\" name=\"severity\" value=\"\(severity.rawValue)\" checked> \(severity.rawValue) (\(counts[severity] ?? 0))</label>\n"
        }
        page += "</fieldset>\n<label>Rule <select name=\"rule\"><option value=\"\">every rule</option>\n"
        for rule in rules {
            page += "<option value=\"\(rule.id)\">\(rule.id) (\(findings.filter { $0.rule == rule.id }.count))</option>\n"
        }
        page += "</select></label>\n<output id=\"shown\"></output>\n</form>\n</header>\n<main>\n"
        for rule in rules {
            let ofRule = findings.filter { $0.rule == rule.id }
            page += "<section class=\"rule\" data-rule=\"\(rule.id)\">\n<h2>\(rule.id) <span class=\"count\">\(ofRule.count)</span></h2>\n"
            page += "<p class=\"help\">\(escape(rule.help))</p>\n"
            var files: [String] = []
            for finding in ofRule where !files.contains(finding.file) { files.append(finding.file) }
            for file in files {
                let ofFile = ofRule.filter { $0.file == file }
                page += "<details class=\"file\" open><summary>\(escape(file)) <span class=\"count\">\(ofFile.count)</span></summary>\n"
                for finding in ofFile { page += article(finding) }
                page += "</details>\n"
            }
            page += "</section>\n"
        }
        return page + "</main>\n<script>\(Self.script)</script>\n</body>\n</html>\n"
    }

    private func escape(_ text: String) -> String { XMLEscape.text(text) }

    /// One finding: where, what, the excerpt with its term marked, the pair, the suggestion.
    private func article(_ finding: Finding) -> String {
        let place = [finding.line.map { "line \($0)" }, finding.column.map { "column \($0)" }, finding.unit.map { "unit \($0)" }]
            .compactMap { $0 }.joined(separator: " · ")
        var html = "<article class=\"finding \(finding.severity.rawValue)\" data-severity=\"\(finding.severity.rawValue)\" data-rule=\"\(finding.rule)\">\n"
        html += "<p class=\"where\"><span class=\"severity\">\(finding.severity.rawValue)</span> \(escape(place))</p>\n"
        html += "<p class=\"message\">\(escape(finding.message))</p>\n"
        html += "<blockquote class=\"excerpt\" lang=\"\(XMLEscape.attribute(finding.language))\">\(marked(finding.excerpt, finding.term))</blockquote>\n"
        if let source = finding.sourceText, let target = finding.targetText {
            html += "<dl class=\"pair\"><dt>source</dt><dd>\(escape(source))</dd><dt>translation</dt><dd>\(escape(target))</dd></dl>\n"
        }
        if let suggestion = finding.suggestion {
            html += "<p class=\"suggestion\">suggestion: <ins>\(escape(suggestion))</ins></p>\n"
        }
        return html + "</article>\n"
    }

    /// `text` escaped, with the first occurrence of `term` in `<mark>`.
    private func marked(_ text: String, _ term: String) -> String {
        guard !term.isEmpty, let range = text.range(of: term) else { return escape(text) }
        return escape(String(text[..<range.lowerBound])) + "<mark>" + escape(String(text[range])) + "</mark>"
            + escape(String(text[range.upperBound...]))
    }

    private static let style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2329;background:#f6f7f9}
        header{position:sticky;top:0;background:#fff;border-bottom:1px solid #d8dde3;padding:.6em 1.2em;z-index:1}
        h1{font-size:1.2em;margin:0}#summary{margin:.2em 0}
        form{display:flex;flex-wrap:wrap;gap:1em;align-items:center}fieldset{border:0;padding:0;margin:0}legend{float:left;margin-right:.5em}
        main{padding:0 1.2em 2em}section{margin-top:1.2em}h2{font-size:1.05em;margin:.4em 0}.help{color:#55606b;margin:.2em 0 .6em}
        .count{background:#e6e9ed;border-radius:9px;padding:0 .5em;font-size:.85em}
        details.file{background:#fff;border:1px solid #d8dde3;border-radius:6px;margin:.5em 0;padding:.3em .8em}
        summary{cursor:pointer;font-weight:600}
        article{border-top:1px solid #eceff2;padding:.5em 0}article:first-of-type{border-top:0}
        .where{margin:0;color:#55606b;font-size:.9em}.severity{font-weight:700;text-transform:uppercase;font-size:.8em}
        .error .severity{color:#b3261e}.warning .severity{color:#8a5a00}.note .severity{color:#1f5fa8}
        .message{margin:.2em 0}blockquote{margin:.3em 0;padding:.3em .6em;background:#f1f3f5;border-left:3px solid #c2c8cf}
        mark{background:#ffe08a;padding:0 .1em}dl.pair{display:grid;grid-template-columns:max-content 1fr;gap:.1em .8em;margin:.3em 0;font-size:.92em}
        dt{color:#55606b}dd{margin:0}.suggestion{margin:.2em 0}ins{text-decoration:none;background:#d4f3d9;padding:0 .2em}
        [hidden]{display:none!important}
        """

    /// Filtering: the form and the address's fragment say which findings show; groups left
    /// empty hide too.
    private static let script = """
        (function () {
          const form = document.getElementById("filters");
          function fromHash() {
            const hash = new URLSearchParams(location.hash.slice(1));
            if (hash.has("severity")) {
              const wanted = hash.get("severity").split(",");
              form.querySelectorAll("input[name=severity]").forEach(box => { box.checked = wanted.includes(box.value); });
            }
            if (hash.has("rule")) form.rule.value = hash.get("rule");
          }
          function apply(event) {
            const severities = [...form.querySelectorAll("input[name=severity]:checked")].map(box => box.value);
            const rule = form.rule.value;
            let shown = 0;
            document.querySelectorAll("article.finding").forEach(article => {
              const visible = severities.includes(article.dataset.severity) && (!rule || article.dataset.rule === rule);
              article.hidden = !visible;
              if (visible) shown++;
            });
            document.querySelectorAll("details.file, section.rule").forEach(group => {
              group.hidden = !group.querySelector("article.finding:not([hidden])");
            });
            document.getElementById("shown").textContent = shown + " shown";
            // The address follows the reader's choices (not the first rendering's).
            if (event) history.replaceState(null, "", "#severity=" + severities.join(",") + (rule ? "&rule=" + rule : ""));
          }
          fromHash();
          form.addEventListener("change", apply);
          window.addEventListener("hashchange", () => { fromHash(); apply(); });
          apply();
        })();
        """
}
