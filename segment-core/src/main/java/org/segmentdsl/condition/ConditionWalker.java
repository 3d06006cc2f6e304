package org.segmentdsl.condition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Walks a condition tree as it is written, in document order (a node before its children, the
 * children in order), telling a {@link Visitor} where each node sits: its JSON Pointer in the
 * segment document, its depth and whose data it reads. One walker serves every tool that reads a
 * tree node by node (the checker, {@code why}, {@code lint}, the SQL compiler), so that they all
 * agree on pointers and scopes.
 *
 * <pre>{@code
 * ConditionWalker.walk(segment.condition(), "/where", new ConditionWalker.Visitor() {
 *   public boolean enter(Condition node, ConditionWalker.Place place) {
 *     System.out.println(place.pointer() + " " + node);
 *     return true;
 *   }
 * });
 * // /where all(tag("vip"), not(tag("churned")))
 * // /where/all/0 tag("vip")
 * // /where/all/1 not(tag("churned"))
 * // /where/all/1/not tag("churned")
 * }</pre>
 *
 * <p>The walk keeps its own stack on the heap: a tree of any depth is walked without deepening the
 * Java stack. A referenced segment ({@link SegmentReference}) is a leaf: its tree belongs to
 * another document. Stateless and thread-safe; a visitor is called on the walking thread only.
 */
public final class ConditionWalker {
  private ConditionWalker() {}

  /** Whose data a node reads. */
  public enum Scope {
    /** Outside {@code deal} and {@code account}: the contact's own data. */
    CONTACT,
    /** Below a {@code deal} node: one deal of the contact at a time. */
    DEAL,
    /** Below an {@code account} node: the contact's account. */
    ACCOUNT
  }

  /**
   * Where a node sits.
   *
   * @param pointer the node's JSON Pointer in its document ({@code /where/all/0}, {@code
   *     /where/deal})
   * @param depth 0 for the root, 1 for its children, and so on
   * @param scope whose data the node reads
   */
  public record Place(String pointer, int depth, Scope scope) {
    /**
     * Checks the values.
     *
     * @param pointer the node's JSON Pointer, not null
     * @param depth the node's depth, at least 0
     * @param scope whose data the node reads, not null
     */
    public Place {
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(scope, "scope");
      if (depth < 0) {
        throw new IllegalArgumentException("depth " + depth + " is negative");
      }
    }
  }

  /** What a walk calls at each node. */
  public interface Visitor {
    /**
     * Called when the walk reaches a node, before its children.
     *
     * @param node the node
     * @param place where it sits
     * @return whether to walk its children ({@link #leave} is called either way)
     */
    boolean enter(Condition node, Place place);

    /**
     * Called after a node's children (at once for a leaf, or when {@link #enter} returned false).
     * The default does nothing.
     *
     * @param node the node
     * @param place where it sits
     */
    default void leave(Condition node, Place place) {}

    /**
     * Asked before each node; once true, the walk ends without calling anything more. The default
     * never stops.
     *
     * @return whether to end the walk
     */
    default boolean stopped() {
      return false;
    }
  }

  /**
   * The children of a node in document order: those of {@code all} and {@code any}, the one of
   * {@code not}, {@code deal} and {@code account}; none for a leaf.
   *
   * @param node a condition, not null
   * @return its children, an immutable list
   */
  public static List<Condition> children(Condition node) {
    if (node instanceof All a) {
      return a.conditions();
    } else if (node instanceof Any a) {
      return a.conditions();
    } else if (node instanceof Not n) {
      return List.of(n.condition());
    } else if (node instanceof DealCondition d) {
      return List.of(d.where());
    } else if (node instanceof AccountCondition a) {
      return List.of(a.where());
    }
    return List.of();
  }

  /**
   * The JSON key under which a node holds its children ({@code all}, {@code any}, {@code not},
   * {@code deal}, {@code account}), or {@code null} for a leaf.
   *
   * @param node a condition, not null
   * @return the key, or {@code null}
   */
  public static @Nullable String key(Condition node) {
    if (node instanceof All) {
      return "all";
    } else if (node instanceof Any) {
      return "any";
    } else if (node instanceof Not) {
      return "not";
    } else if (node instanceof DealCondition) {
      return "deal";
    } else if (node instanceof AccountCondition) {
      return "account";
    }
    return null;
  }

  /**
   * Walks {@code root}, the condition at {@code pointer} of its document ({@code "/where"} for a
   * segment's), read in the contact's scope.
   *
   * @param root the tree, not null
   * @param pointer the root's JSON Pointer, not null
   * @param visitor what to call at each node, not null
   */
  public static void walk(Condition root, String pointer, Visitor visitor) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(visitor, "visitor");
    Deque<Frame> stack = new ArrayDeque<>();
    if (visit(root, new Place(pointer, 0, Scope.CONTACT), visitor, stack)) {
      return;
    }
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      if (f.next == f.children.size()) {
        stack.pop();
        visitor.leave(f.node, f.place);
        continue;
      }
      int i = f.next++;
      String step = f.indexed ? f.childPointer + "/" + i : f.childPointer;
      if (visit(f.children.get(i), new Place(step, f.place.depth() + 1, f.childScope), visitor,
          stack)) {
        return;
      }
    }
  }

  /** Enters one node and pushes its children, or leaves it; true when the walk must end. */
  private static boolean visit(Condition node, Place place, Visitor visitor, Deque<Frame> stack) {
    if (visitor.stopped()) {
      return true;
    }
    List<Condition> children = children(node);
    if (visitor.enter(node, place) && !children.isEmpty()) {
      Scope scope = node instanceof DealCondition ? Scope.DEAL
          : node instanceof AccountCondition ? Scope.ACCOUNT : place.scope();
      stack.push(new Frame(node, place, children, place.pointer() + "/" + key(node),
          node instanceof All || node instanceof Any, scope));
    } else {
      visitor.leave(node, place);
    }
    return false;
  }

  /** A node whose children are being walked; {@code next} is the next one. */
  private static final class Frame {
    final Condition node;
    final Place place;
    final List<Condition> children;
    final String childPointer;
    final boolean indexed;
    final Scope childScope;
    int next;

    Frame(Condition node, Place place, List<Condition> children, String childPointer,
        boolean indexed, Scope childScope) {
      this.node = node;
      this.place = place;
      this.children = children;
      this.childPointer = childPointer;
      this.indexed = indexed;
      this.childScope = childScope;
    }
  }
}
