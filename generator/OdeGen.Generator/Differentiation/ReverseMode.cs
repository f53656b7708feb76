using System;
using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// The transpose of the linearization: a forward sweep (the primal program) followed by a reverse sweep
/// that visits definitions last to first and hands each node's cotangent to its arguments through the
/// same <see cref="Rules"/>. No tape: in straight-line code every use of a value comes after it, so its
/// cotangent is a sum of SSA terms complete when its definition is reached. A branch is reversed as an
/// If on the same condition that recomputes the branch's primal values; its contributions to values from
/// outside the branch go into accumulator variables declared before that If. A loop is reversed the same
/// way, iteration by iteration; where an iteration stored a value into a scratch span that no other
/// store overwrites, the reverse iteration reads the value back instead of computing it again (a tape
/// the user's own code already keeps).
/// </summary>
internal sealed class ReverseMode
{
    private readonly GraphBuilder _g;
    private readonly Func<int, string> _cotangentName;
    private readonly IReadOnlyDictionary<int, int> _adjointArrays;
    private readonly HashSet<ArrayStoreStmt> _readBack;
    private readonly HashSet<ArrayStoreStmt> _unreadStores;
    private readonly Dictionary<int, Cotangent> _cotangents = new();
    // The reverse blocks being built, innermost last, with accumulators to declare before their next If.
    private readonly List<(int Scope, List<int> Declare)> _frames = new();
    private int _accumulators;

    private ReverseMode(GraphBuilder g, Func<int, string> cotangentName, IReadOnlyDictionary<int, int> adjointArrays, LoopFacts? facts)
    {
        _g = g;
        _cotangentName = cotangentName;
        _adjointArrays = adjointArrays;
        _readBack = facts?.ReadBack ?? new HashSet<ArrayStoreStmt>();
        _unreadStores = facts?.UnreadStores ?? new HashSet<ArrayStoreStmt>();
    }

    /// <summary>
    /// Appends to the current block of <paramref name="g"/> the forward sweep, then the reverse sweep
    /// seeded with <paramref name="seeds"/> (a cotangent node per output, -1 for none). Returns a function
    /// giving the final cotangent of a leaf (-1 for zero); call it only after this returns.
    /// </summary>
    /// <remarks>
    /// <paramref name="adjointArrays"/> maps an array to the array accumulating its cotangent: y to wJy, p to
    /// wJp, a scratch span to its adjoint span, and dy (written in loops) to a copy of w. <paramref name="facts"/>
    /// (for loop programs) names the stores whose values can be read back and the stores nothing reads.
    /// </remarks>
    public static Func<int, int> Transpose(GraphBuilder g, IrProgram program, IReadOnlyList<int> seeds, Func<int, string> cotangentName,
        IReadOnlyDictionary<int, int>? adjointArrays = null, LoopFacts? facts = null)
    {
        var mode = new ReverseMode(g, cotangentName, adjointArrays ?? new Dictionary<int, int>(), facts);
        // The whole forward sweep comes first, so the reverse sweep may share any of its values.
        foreach (var statement in program.Body.Statements) g.Append(statement);
        g.Register(program.Body);
        for (int i = 0; i < seeds.Count; i++)
        {
            if (seeds[i] >= 0) mode.AddTerm(program.Outputs[i], seeds[i]);
        }
        mode._frames.Add((0, new List<int>()));
        mode.ReverseBlock(program.Body);
        return mode.Final;
    }

    private void ReverseBlock(Block block)
    {
        for (int i = block.Statements.Count - 1; i >= 0; i--)
        {
            switch (block.Statements[i])
            {
                case LetStmt let:
                    ReverseNode(let.Node);
                    break;
                case IfStmt branch:
                    ReverseIf(branch);
                    break;
                case ForStmt loop:
                    ReverseFor(loop);
                    break;
                case ArrayStoreStmt store:
                    ReverseStore(store);
                    break;
                case ArrayDeclarationStmt:
                    break;
                default:
                    throw new InvalidOperationException("Reverse mode met " + block.Statements[i].GetType().Name);
            }
        }
    }

    private void ReverseNode(int id)
    {
        if (!_cotangents.ContainsKey(id)) return;
        int cotangent = Final(id);
        if (cotangent < 0) return;
        var node = _g[id];
        if (node.Op == Op.Load)
        {
            // The transpose of reading an element is adding into the element of the adjoint array.
            if (_adjointArrays.TryGetValue(node.Index, out int adjoint)) _g.Append(new ArrayStoreStmt(adjoint, node.A, cotangent, Accumulate: true));
            return;
        }
        if (Rules.Routing(_g, id) is { } routing)
        {
            var zero = _g.Const(0);
            AddTerm(node.Arg(routing.Then), _g.Select(routing.Condition, cotangent, zero));
            AddTerm(node.Arg(routing.Else), _g.Select(routing.Condition, zero, cotangent));
            return;
        }
        foreach (var partial in Rules.Partials(_g, id))
        {
            int term = Rules.Apply(_g, cotangent, partial);
            if (term >= 0) AddTerm(node.Arg(partial.Slot), term);
        }
    }

    /// <summary>
    /// The transpose of <c>a[i] = v</c>: v receives the element's cotangent, which is then zero, since the
    /// value before the store does not reach the output. For <c>a[i] += v</c> the element's cotangent stays.
    /// For a store whose elements no other write touches, nothing reads the element before it (the parser checks
    /// that spans are complete before they are read), so nothing reads its cotangent after it, and the zero is not
    /// written.
    /// </summary>
    private void ReverseStore(ArrayStoreStmt store)
    {
        if (!_adjointArrays.TryGetValue(store.Array, out int adjoint)) return;
        var value = _g[store.Value];
        // A value nothing reads has a zero cotangent: passing it on would only risk 0 · ∞ where its derivative overflowed.
        if (!value.IsConst && !value.Op.IsNonDifferentiable() && !_unreadStores.Contains(store))
            AddTerm(store.Value, _g.AdjointLoad(adjoint, store.Index, NameHint.DerivedFrom(store.Value, value.Name, "Bar")));
        if (!store.Accumulate && !_readBack.Contains(store))
            _g.Append(new ArrayStoreStmt(adjoint, store.Index, _g.Const(0), Accumulate: false));
    }

    /// <summary>
    /// A loop runs backwards, each iteration recomputing its own values and then reversing its body. A carried
    /// value only accumulates (the parser checks it), so its cotangent is the same in every iteration: that of
    /// its value after the loop, which also flows to its initial value.
    /// </summary>
    private void ReverseFor(ForStmt loop)
    {
        var exitCotangents = loop.Carried.Select(c => _cotangents.ContainsKey(c.Exit) ? Final(c.Exit) : -1).ToList();
        if (exitCotangents.All(c => c < 0) && !HasEffects(loop.Body)) return;

        var statements = Recompute(loop.Body.Statements);
        _g.Enter(loop.Body.Scope, statements);
        _frames.Add((loop.Body.Scope, new List<int>()));
        for (int i = 0; i < loop.Carried.Count; i++)
        {
            if (exitCotangents[i] >= 0) AddTerm(loop.Carried[i].Next, exitCotangents[i]);
        }
        ReverseBlock(loop.Body);
        _frames.RemoveAt(_frames.Count - 1);
        _g.Exit();

        DeclarePendingAccumulators();
        _g.Append(new ForStmt(loop.LoopIndex, loop.From, loop.To, new Block(loop.Body.Scope, statements.ToEquatableArray()), EquatableArray<CarriedValue>.Empty, Reversed: true));
        for (int i = 0; i < loop.Carried.Count; i++)
        {
            if (exitCotangents[i] >= 0) AddTerm(loop.Carried[i].Initial, exitCotangents[i]);
        }
    }

    private static bool HasEffects(Block block)
    {
        bool found = false;
        IrUses.Walk(block, s => found |= s is ArrayStoreStmt);
        return found;
    }

    private void ReverseIf(IfStmt branch)
    {
        var phiCotangents = branch.Phis.Select(phi => _cotangents.ContainsKey(phi.Phi) ? Final(phi.Phi) : -1).ToList();
        if (phiCotangents.All(c => c < 0) && !HasEffects(branch.Then) && !HasEffects(branch.Else)) return;

        var thenBlock = ReverseRegion(branch.Then, branch.Phis.Select(p => p.Then).ToList(), phiCotangents);
        var elseBlock = ReverseRegion(branch.Else, branch.Phis.Select(p => p.Else).ToList(), phiCotangents);

        DeclarePendingAccumulators();
        _g.Append(new IfStmt(branch.Cond, thenBlock, elseBlock, EquatableArray<PhiAssignment>.Empty));
    }

    private Block ReverseRegion(Block block, List<int> phiValues, List<int> phiCotangents)
    {
        var statements = Recompute(block.Statements);
        _g.Enter(block.Scope, statements);
        _frames.Add((block.Scope, new List<int>()));
        for (int i = 0; i < phiValues.Count; i++)
        {
            if (phiCotangents[i] >= 0) AddTerm(phiValues[i], phiCotangents[i]);
        }
        ReverseBlock(block);
        _frames.RemoveAt(_frames.Count - 1);
        _g.Exit();
        return new Block(block.Scope, statements.ToEquatableArray());
    }

    /// <summary>Declares, before the If about to be appended, the accumulators its branches add to.</summary>
    private void DeclarePendingAccumulators()
    {
        var frame = _frames[_frames.Count - 1];
        foreach (int id in frame.Declare)
        {
            var cotangent = _cotangents[id];
            int initial = SumTerms(cotangent.Terms);
            cotangent.Terms.Clear();
            _g.Append(new AccumulatorDeclaration(cotangent.Accumulator, initial, cotangent.AccumulatorName!));
        }
        frame.Declare.Clear();
    }

    private void AddTerm(int id, int term)
    {
        var node = _g[id];
        // A loop's running value is fed back by the loop itself (see ReverseFor), not by its uses.
        if (node.IsConst || node.Op.IsNonDifferentiable() || node.Op == Op.Running || term < 0) return;
        if (!_cotangents.TryGetValue(id, out var cotangent))
        {
            cotangent = new Cotangent();
            _cotangents[id] = cotangent;
        }

        if (node.Scope == _g.CurrentScope || _frames.Count <= 1 && node.Scope == 0 && _g.CurrentScope == 0)
        {
            cotangent.Terms.Add(term);
            return;
        }

        // A contribution from inside a region to a value defined outside it.
        if (cotangent.Accumulator < 0)
        {
            cotangent.Accumulator = _accumulators++;
            cotangent.AccumulatorName = _cotangentName(id);
            var frame = _frames.LastOrDefault(f => f.Scope == node.Scope);
            (frame.Declare ?? _frames[0].Declare).Add(id);
        }
        _g.Append(new AccumulateStmt(cotangent.Accumulator, term));
    }

    /// <summary>The complete cotangent of <paramref name="id"/> (-1 for zero); it takes no more terms after this.</summary>
    private int Final(int id)
    {
        if (!_cotangents.TryGetValue(id, out var cotangent)) return -1;
        _cotangents.Remove(id);
        int sum = SumTerms(cotangent.Terms);
        if (cotangent.Accumulator >= 0)
            sum = Rules.Sum(_g, _g.AccumulatorValue(cotangent.Accumulator, cotangent.AccumulatorName!), sum);
        if (sum >= 0) _g.SetNameIfUnnamed(sum, _cotangentName(id));
        return sum;
    }

    private int SumTerms(List<int> terms)
    {
        int sum = -1;
        foreach (int term in terms) sum = Rules.Sum(_g, sum, term);
        return sum;
    }

    /// <summary>
    /// The primal values of a region, computed again where its reverse runs (no tape): fresh occurrences of
    /// its definitions, so that each place they are written is analysed on its own, without its stores,
    /// which already happened in the forward sweep. A value the region stored where no other write touches it is
    /// read back from it, so the work that led only to it is not repeated.
    /// </summary>
    private List<Stmt> Recompute(IReadOnlyList<Stmt> statements)
    {
        var position = new Dictionary<int, int>();
        for (int i = 0; i < statements.Count; i++)
        {
            if (statements[i] is LetStmt let) position[let.Node] = i;
        }
        var stored = new Dictionary<int, ArrayStoreStmt>();
        foreach (var store in statements.OfType<ArrayStoreStmt>())
        {
            if (!_readBack.Contains(store) || !position.TryGetValue(store.Value, out int defined)) continue;
            // The index must be known where the value is defined: from enclosing loops or earlier definitions.
            bool indexReady = !position.TryGetValue(store.Index, out int indexDefined) || indexDefined < defined;
            if (indexReady && !stored.ContainsKey(store.Value)) stored[store.Value] = store;
        }

        var copies = new List<Stmt>();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case LetStmt let when stored.TryGetValue(let.Node, out var store):
                    copies.Add(new RestoreStmt(let.Node, store.Array, store.Index));
                    break;
                case LetStmt let:
                    copies.Add(new LetStmt(let.Node));
                    break;
                case IfStmt branch:
                    copies.Add(new IfStmt(branch.Cond, RecomputeBlock(branch.Then), RecomputeBlock(branch.Else), branch.Phis));
                    break;
                case ForStmt loop:
                    // Recomputed values only: a TensorPrimitives call would store into its destination again.
                    copies.Add(loop with { Body = RecomputeBlock(loop.Body), Call = null });
                    break;
            }
        }
        return copies;
    }

    private Block RecomputeBlock(Block block) => new(block.Scope, Recompute(block.Statements).ToEquatableArray());

    private sealed class Cotangent
    {
        public List<int> Terms { get; } = new();

        public int Accumulator { get; set; } = -1;

        public string? AccumulatorName { get; set; }
    }
}
