/// Inline suppressions in a checked text file: a line containing `glossa-ignore-line`, or the
/// line after one containing `glossa-ignore-next-line`, is not reported. Rule ids may follow
/// (`glossa-ignore-next-line deprecated-term`) to silence only those; the marker can sit in
/// any comment syntax (`<!-- … -->` in Markdown and HTML, `#` or `//` elsewhere).
public struct Suppressions: Sendable {
    /// Line → the rules silenced there (empty: all rules).
    private var lines: [Int: Set<String>] = [:]

    /// The suppressions written in `text`.
    public init(text: Substring) {
        var number = 0
        // "\r\n" is one Character: a split on "\n" alone would see a Windows file as one line.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            guard line.contains("glossa-ignore") else { continue }
            for (marker, target) in [("glossa-ignore-next-line", number + 1), ("glossa-ignore-line", number)] {
                guard let range = line.range(of: marker) else { continue }
                let rules = line[range.upperBound...].split(whereSeparator: { $0 == " " || $0 == "," })
                    .prefix { $0.first?.isLetter == true && $0.allSatisfy { $0.isLetter || $0 == "-" } }
                    .map(String.init)
                lines[target, default: []].formUnion(rules)
                if rules.isEmpty { lines[target] = [] }
                break
            }
        }
    }

    /// Whether a finding of `rule` on `line` is silenced.
    public func silences(rule: String, line: Int?) -> Bool {
        guard let line, let rules = lines[line] else { return false }
        return rules.isEmpty || rules.contains(rule)
    }
}
