package org.segmentdsl;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.segmentdsl.condition.ConditionWalker;

/**
 * Why one contact is, or is not, a member of a segment: the segment's condition tree as it is
 * written, each node with whether it holds for that contact on its own and what decided it (the
 * stored value, the matching tags, the number of events counted, the list status, the deals a
 * deal condition holds on). {@link IndexSnapshot#why} makes one.
 *
 * <pre>{@code
 * System.out.println(snapshot.why(segment, "c-1001", ctx).orElseThrow());
 * // contact "c-1001": member
 * // all: yes
 * //   tag "interest-crm": yes, tags "interest-crm"
 * //   not: yes
 * //     tag "status-customer": no, tags none
 * //   field "lead_score" gte 50.0: yes, value 72.0
 * }</pre>
 *
 * @param contactId the contact explained
 * @param member whether the contact is a member: the root's {@link Node#match()}
 * @param root the explained tree
 */
public record ContactExplanation(String contactId, boolean member, Node root) {
  /**
   * Checks the values.
   *
   * @param contactId the contact explained, not null
   * @param member whether the contact is a member
   * @param root the explained tree, not null
   */
  public ContactExplanation {
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(root, "root");
  }

  /**
   * One node of the tree.
   *
   * @param pointer the node's JSON Pointer in the segment document ({@code /where/all/0})
   * @param description what the node tests, as one line ({@code field "country" eq "US"}), as
   *     {@link Explanation.Node#description()} writes it
   * @param label the node's label as written, or {@code null}
   * @param scope whose data the node reads
   * @param match in the contact's scope, whether the node on its own holds for the contact (for a
   *     {@code deal} or {@code account} node: whether the contact has a deal on which its
   *     condition holds, or an account on which it holds); in the account's scope, whether it
   *     holds on the contact's account (false without one, also under a {@code not}); in a deal's
   *     scope, whether it holds on at least one of the contact's deals
   * @param deals in a deal's scope, the ids of the contact's deals on which the node holds,
   *     sorted ({@link String#compareTo}); empty elsewhere
   * @param evidence what decided a leaf; {@link Evidence.None} for the others
   * @param children the node's children, in document order
   */
  public record Node(String pointer, String description, @Nullable String label,
      ConditionWalker.Scope scope, boolean match, List<String> deals, Evidence evidence,
      List<Node> children) {
    /**
     * Checks the values and copies the lists.
     *
     * @param pointer the node's JSON Pointer, not null
     * @param description what the node tests, not null
     * @param label the node's label, or {@code null}
     * @param scope whose data the node reads, not null
     * @param match whether the node holds
     * @param deals the deals it holds on (copied), not null
     * @param evidence what decided it, not null
     * @param children the children (copied), not null
     */
    public Node {
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(evidence, "evidence");
      deals = List.copyOf(deals);
      children = List.copyOf(children);
    }

    /**
     * {@return this node and the nodes below it, in document order (a node before its
     * children)}
     */
    public List<Node> preorder() {
      List<Node> out = new ArrayList<>();
      Deque<Node> todo = new ArrayDeque<>();
      todo.push(this);
      while (!todo.isEmpty()) {
        Node n = todo.pop();
        out.add(n);
        for (int i = n.children.size() - 1; i >= 0; i--) {
          todo.push(n.children.get(i));
        }
      }
      return out;
    }

    // equals, hashCode and toString of a record would recurse through the children
    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Node other)) {
        return false;
      }
      List<Node> a = preorder();
      List<Node> b = other.preorder();
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).sameNode(b.get(i))) {
          return false;
        }
      }
      return true;
    }

    private boolean sameNode(Node o) {
      return pointer.equals(o.pointer) && description.equals(o.description)
          && Objects.equals(label, o.label) && scope == o.scope && match == o.match
          && deals.equals(o.deals) && evidence.equals(o.evidence)
          && children.size() == o.children.size();
    }

    @Override
    public int hashCode() {
      int h = 1;
      for (Node n : preorder()) {
        h = 31 * h + Objects.hash(n.pointer, n.description, n.label, n.scope, n.match, n.deals,
            n.evidence, n.children.size());
      }
      return h;
    }

    /** The node and the nodes below it, one a line, indented by depth (see the class). */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      appendTree(sb, this);
      return sb.toString();
    }
  }

  /** What decided a leaf, by kind of leaf. */
  public sealed interface Evidence {
    /** Nothing to show: {@code all}, {@code any}, {@code not}, {@code deal}, {@code account},
     *  {@code segment}, and an account's leaf for a contact without an account. */
    enum None implements Evidence {
      /** The only value. */
      INSTANCE
    }

    /**
     * A field's stored value, the contact's or (below {@code account}) the account's: a {@code
     * String}, {@code Double}, {@code Boolean}, {@code LocalDate}, {@code Instant} or {@link
     * GeoPoint}, as {@link IndexSnapshot#contact} reads it back, or {@code null} when not set.
     *
     * @param value the value, or {@code null}
     */
    record Value(@Nullable Object value) implements Evidence {}

    /**
     * Below {@code deal}: a field's value on each of the contact's deals, by deal id in sorted
     * order ({@code null}: not set on that deal).
     *
     * @param values the values by deal id
     */
    record DealValues(Map<String, @Nullable Object> values) implements Evidence {
      /**
       * Copies the map, keeping its order.
       *
       * @param values the values by deal id, not null
       */
      public DealValues {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      }
    }

    /**
     * A tag condition: the contact's distinct tags that satisfy it (its op, pattern and {@code
     * ignoreCase}), sorted; the condition holds when there is one.
     *
     * @param tags the tags
     */
    record Tags(List<String> tags) implements Evidence {
      /**
       * Copies the list.
       *
       * @param tags the tags, not null
       */
      public Tags {
        tags = List.copyOf(tags);
      }
    }

    /**
     * An event condition: how many of the contact's events it counts (its type, property filters
     * and window), whatever its {@code atLeast} and {@code atMost}.
     *
     * @param count the number of events
     */
    record Count(long count) implements Evidence {}

    /**
     * A list condition: the contact's status on that list, or {@code null} when not on it.
     *
     * @param status the status, or {@code null}
     */
    record Status(@Nullable ListStatus status) implements Evidence {}
  }

  /**
   * A first line {@code contact "ID": member} (or {@code not a member}), then the tree, one node a
   * line indented by depth: its description, its label in brackets, then {@code yes} or {@code
   * no} (in a deal's scope the deals it holds on) and what decided it.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("contact ").append(Names.quote(contactId))
        .append(member ? ": member\n" : ": not a member\n");
    appendTree(sb, root);
    return sb.toString();
  }

  private static void appendTree(StringBuilder sb, Node root) {
    int base = depth(root.pointer);
    for (Node n : root.preorder()) {
      sb.append("  ".repeat(depth(n.pointer) - base)).append(n.description);
      if (n.label != null) {
        sb.append(" [").append(Names.escape(n.label)).append(']');
      }
      sb.append(": ");
      if (n.scope == ConditionWalker.Scope.DEAL) {
        sb.append(n.deals.isEmpty() ? "no deal" : "deals " + quoted(n.deals));
      } else {
        sb.append(n.match ? "yes" : "no");
      }
      appendEvidence(sb, n.evidence);
      sb.append('\n');
    }
  }

  /** The depth of a pointer: its steps, not counting the array indices of all and any. */
  private static int depth(String pointer) {
    int d = 0;
    for (String step : pointer.split("/")) {
      if (!step.isEmpty() && !Character.isDigit(step.charAt(0))) {
        d++;
      }
    }
    return d;
  }

  private static void appendEvidence(StringBuilder sb, Evidence e) {
    if (e instanceof Evidence.Value v) {
      sb.append(", value ").append(show(v.value()));
    } else if (e instanceof Evidence.DealValues v) {
      List<String> parts = new ArrayList<>();
      v.values().forEach((deal, value) -> parts.add(Names.quote(deal) + " " + show(value)));
      if (!parts.isEmpty()) { // none: the contact has no deal
        sb.append(", values ").append(String.join(", ", parts));
      }
    } else if (e instanceof Evidence.Tags t) {
      sb.append(", tags ").append(t.tags().isEmpty() ? "none" : quoted(t.tags()));
    } else if (e instanceof Evidence.Count c) {
      sb.append(", count ").append(c.count());
    } else if (e instanceof Evidence.Status s) {
      sb.append(", status ").append(s.status() == null ? "none" : s.status().jsonName());
    }
  }

  private static String quoted(List<String> names) {
    List<String> q = new ArrayList<>(names.size());
    for (String n : names) {
      q.add(Names.quote(n));
    }
    return String.join(", ", q);
  }

  /** A value as a person reads it: strings quoted and escaped, the others as printed. */
  private static String show(@Nullable Object value) {
    if (value == null) {
      return "not set";
    } else if (value instanceof String s) {
      return Names.quote(s);
    } else if (value instanceof LocalDate || value instanceof Instant) {
      return value.toString();
    }
    return String.valueOf(value);
  }
}
