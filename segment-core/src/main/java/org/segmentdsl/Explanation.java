package org.segmentdsl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
  /**
   * Checks the root.
   *
   * @param root the explained condition tree, not null
   * @param total the number of members
   */
  public Explanation {
    Objects.requireNonNull(root, "root");
  }

  /** What a node's {@code matches} counts. */
  public enum Unit {
    /** Nodes outside {@code deal(...)} and {@code account(...)}: matching contacts. */
    CONTACTS,
    /** Nodes inside {@code deal(...)}: matching deals. */
    DEALS,
    /** Nodes inside {@code account(...)}: matching accounts. */
    ACCOUNTS
  }

  /**
   * One node of the tree. A referenced segment's tree hangs under the reference, so a tree can be
   * as deep as a chain of references allows: {@code equals}, {@code hashCode} and {@code toString}
   * walk it without recursion.
   *
   * @param description what the node tests, as one line ({@code field "country" eq "US"}), its
   *     names and values quoted and escaped ({@link Names#quote})
   * @param label the node's label as written, or {@code null}
   * @param matches the contacts (or, inside {@code deal} and {@code account}, the deals or
   *     accounts) this node matches on its own
   * @param unit what {@code matches} counts
   * @param children the node's children
   */
  public record Node(String description, @Nullable String label, long matches, Unit unit,
      List<Node> children) {
    /**
     * Checks the values and copies the children.
     *
     * @param description what the node tests, as one line, not null
     * @param label the node's label as written, or {@code null}
     * @param matches the contacts, deals or accounts this node matches on its own
     * @param unit what {@code matches} counts, not null
     * @param children the node's children (copied), not null
     */
    public Node {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(unit, "unit");
      children = List.copyOf(children);
    }

    /**
     * A node counting contacts.
     *
     * @param description what the node tests, as one line, not null
     * @param label the node's label as written, or {@code null}
     * @param matches the contacts this node matches on its own
     * @param children the node's children (copied), not null
     */
    public Node(String description, @Nullable String label, long matches,
        List<Node> children) {
      this(description, label, matches, Unit.CONTACTS, children);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Node other)) {
        return false;
      }
      Deque<Node> todo = new ArrayDeque<>();
      todo.push(this);
      todo.push(other);
      while (!todo.isEmpty()) {
        Node b = todo.pop();
        Node a = todo.pop();
        if (a == b) {
          continue;
        }
        if (!a.description.equals(b.description) || !Objects.equals(a.label, b.label)
            || a.matches != b.matches || a.unit != b.unit
            || a.children.size() != b.children.size()) {
          return false;
        }
        for (int i = 0; i < a.children.size(); i++) {
          todo.push(a.children.get(i));
          todo.push(b.children.get(i));
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int h = 1;
      Deque<Node> todo = new ArrayDeque<>();
      todo.push(this);
      while (!todo.isEmpty()) {
        Node n = todo.pop();
        h = 31 * h + Objects.hash(n.description, n.label, n.matches, n.unit, n.children.size());
        for (int i = n.children.size() - 1; i >= 0; i--) {
          todo.push(n.children.get(i));
        }
      }
      return h;
    }

    /** The node and its sub-tree, one node a line, indented by depth. */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      appendTree(sb, this);
      return sb.toString();
    }
  }

  /**
   * The tree, one node a line, indented by depth, then {@code total: N}. Labels (in brackets) and
   * the names and values in descriptions are escaped as JSON escapes strings ({@code \n}, {@code
   * \\}, {@code \}{@code u0007}; see {@link Names#quote}), so that each node stays on its line
   * whatever characters a label or value holds.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    appendTree(sb, root);
    return sb.append("total: ").append(total).toString();
  }

  /** Appends a tree in pre-order with an explicit stack: a deep one does not overflow. */
  private static void appendTree(StringBuilder sb, Node root) {
    Deque<Node> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(root);
    depths.push(0);
    while (!nodes.isEmpty()) {
      Node node = nodes.pop();
      int depth = depths.pop();
      append(sb, node, depth);
      for (int i = node.children().size() - 1; i >= 0; i--) {
        nodes.push(node.children().get(i));
        depths.push(depth + 1);
      }
    }
  }

  /** One node's line. */
  private static void append(StringBuilder sb, Node node, int depth) {
    sb.append("  ".repeat(depth)).append(node.description());
    if (node.label() != null) {
      sb.append(" [").append(Names.escape(node.label())).append(']');
    }
    sb.append(": ").append(node.matches());
    if (node.unit() != Unit.CONTACTS) {
      sb.append(node.unit() == Unit.DEALS ? " deals" : " accounts");
    }
    sb.append('\n');
  }
}
