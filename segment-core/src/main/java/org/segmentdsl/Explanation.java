package org.segmentdsl;

import java.util.List;
import java.util.Objects;

/**
 * Why a segment has the members it has: its condition tree, each node with the number of contacts
 * that node matches on its own (over the whole snapshot), and the segment's total.
 *
 * <pre>{@code
 * System.out.println(index.explain(segment, ctx));
 * // all: 120
 * //   tag "interest-crm": 480
 * //   not: 900
 * //     tag "status-customer": 100
 * //   deal: 75
 * //     field "stage" eq "Won": 96 deals
 * // total: 120
 * }</pre>
 *
 * @param root the explained condition tree
 * @param total the number of members
 */
public record Explanation(Node root, long total) {
  public Explanation {
    Objects.requireNonNull(root, "root");
  }

  /** What a node's {@code matches} counts. */
  public enum Unit {
    CONTACTS,
    /** Nodes inside {@code deal(...)}: matching deals. */
    DEALS,
    /** Nodes inside {@code account(...)}: matching accounts. */
    ACCOUNTS
  }

  /**
   * One node of the tree.
   *
   * @param description what the node tests, as one line ({@code field "country" eq "US"})
   * @param label the node's label, or {@code null}
   * @param matches the contacts (or, inside {@code deal} and {@code account}, the deals or
   *     accounts) this node matches on its own
   * @param unit what {@code matches} counts
   * @param children the node's children
   */
  public record Node(String description, String label, long matches, Unit unit,
      List<Node> children) {
    public Node {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(unit, "unit");
      children = List.copyOf(children);
    }

    /** A node counting contacts. */
    public Node(String description, String label, long matches, List<Node> children) {
      this(description, label, matches, Unit.CONTACTS, children);
    }
  }

  /** The tree, one node a line, indented by depth, then {@code total: N}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    append(sb, root, 0);
    return sb.append("total: ").append(total).toString();
  }

  private static void append(StringBuilder sb, Node node, int depth) {
    sb.append("  ".repeat(depth)).append(node.description());
    if (node.label() != null) {
      sb.append(" [").append(node.label()).append(']');
    }
    sb.append(": ").append(node.matches());
    if (node.unit() != Unit.CONTACTS) {
      sb.append(node.unit() == Unit.DEALS ? " deals" : " accounts");
    }
    sb.append('\n');
    for (Node child : node.children()) {
      append(sb, child, depth + 1);
    }
  }
}
