extension String {
    /// The text between two UTF-8 offsets: ICU, the term scanner and the aligner all report
    /// places as byte offsets into the text.
    public subscript(utf8 range: Range<Int>) -> Substring {
        let utf8 = self.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return self[lower..<utf8.index(lower, offsetBy: range.count)]
    }
}
