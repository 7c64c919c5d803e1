package dev.tuna.core.data;

import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader: comma-separated, double-quoted fields with {@code ""} escapes, LF or CRLF rows. */
final class Csv {
  private Csv() {}

  /** The rows of {@code text}; blank lines are skipped; a field is null when it was empty and unquoted. */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        row.add(field.length() == 0 && !wasQuoted ? null : field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRow(rows, row, field, wasQuoted);
        row = new ArrayList<>();
        field.setLength(0);
        wasQuoted = false;
      } else {
        field.append(c);
      }
    }
    endRow(rows, row, field, wasQuoted);
    return rows;
  }

  private static void endRow(List<List<String>> rows, List<String> row, StringBuilder field, boolean wasQuoted) {
    if (row.isEmpty() && field.length() == 0 && !wasQuoted) {
      return; // blank line
    }
    row.add(field.length() == 0 && !wasQuoted ? null : field.toString());
    rows.add(row);
  }
}
