using System;
using System.Collections.Generic;
using System.Linq;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// Random dynamics bodies from a seed: const ints used as indices, const doubles, double locals declared
/// and reassigned (= += -= *= /=), if/else blocks (nested once) that assign locals and outputs, outputs
/// read back once assigned on every path, and finally every dy[i] not yet assigned. The same seed
/// always gives the same program.
/// </summary>
internal sealed class ProgramGenerator
{
    private static readonly string[] CompoundOps = { "+=", "-=", "*=", "/=" };

    private readonly Random _random;
    private readonly ExpressionGenerator _expressions;
    private int _names;

    private ProgramGenerator(int seed)
    {
        _random = new Random(seed);
        _expressions = new ExpressionGenerator(_random);
    }

    public static DynamicsProgram Generate(int seed) => new ProgramGenerator(seed).Program(seed);

    private DynamicsProgram Program(int seed)
    {
        int stateSize = 1 + _random.Next(4);
        bool hasParameters = _random.Next(4) != 0;
        int parameterSize = hasParameters ? _random.Next(4) : 0;
        bool sizesOnAttribute = _random.Next(3) == 0;
        var scope = new Scope(stateSize, parameterSize);
        var body = new List<Statement>();

        if (_random.Next(4) == 0)
        {
            var index = new DeclareIndex(Name("k"), _random.Next(stateSize));
            body.Add(index);
            scope.Indices[index.Name] = index.Value;
        }
        if (_random.Next(4) == 0)
        {
            var constant = new DeclareLocal(Name("c"), _expressions.Number(), IsConst: true);
            body.Add(constant);
            scope.Locals.Add(constant.Name);
        }
        int locals = _random.Next(4);
        for (int i = 0; i < locals; i++) body.Add(DeclareLocal(scope));

        int actions = 1 + _random.Next(4);
        for (int i = 0; i < actions; i++) body.AddRange(Action(scope, nesting: 0));

        foreach (int index in Enumerable.Range(0, stateSize).Where(i => !scope.AssignedOutputs.Contains(i)).OrderBy(_ => _random.Next()).ToList())
        {
            body.Add(new AssignOutput(index, "=", _expressions.Fresh(_expressions.Next(scope, 3))));
            scope.AssignedOutputs.Add(index);
        }

        if (!sizesOnAttribute) parameterSize = ProgramFacts.LargestParameterIndex(body) + 1;
        return new DynamicsProgram(seed, stateSize, parameterSize, hasParameters, sizesOnAttribute, body);
    }

    private string Name(string prefix) => prefix + _names++;

    private DeclareLocal DeclareLocal(Scope scope)
    {
        var local = new DeclareLocal(Name("a"), _expressions.Fresh(_expressions.Next(scope, 2 + _random.Next(2))));
        scope.Locals.Add(local.Name);
        return local;
    }

    /// <summary>One statement (or a declaration and an if/else) at the current point.</summary>
    private IEnumerable<Statement> Action(Scope scope, int nesting)
    {
        switch (_random.Next(6))
        {
            case 0:
                return new[] { DeclareLocal(scope) };
            case 1:
            case 2:
                // Const locals (named c*) cannot be assigned.
                var assignable = scope.Locals.Where(n => n[0] == 'a').ToList();
                if (assignable.Count == 0) goto case 0;
                return new[] { ReassignLocal(assignable[_random.Next(assignable.Count)], scope) };
            case 3:
                return AssignOutput(scope);
            default:
                if (nesting > 1) goto case 3;
                return IfElse(scope, nesting);
        }
    }

    private AssignLocal ReassignLocal(string name, Scope scope)
    {
        string op = _random.Next(3) == 0 ? "=" : CompoundOps[_random.Next(CompoundOps.Length)];
        return new AssignLocal(name, op, Operand(op, scope));
    }

    private IEnumerable<Statement> AssignOutput(Scope scope)
    {
        var unassigned = Enumerable.Range(0, scope.StateSize).Where(i => !scope.AssignedOutputs.Contains(i)).ToList();
        if (unassigned.Count == 0 || (scope.AssignedOutputs.Count > 0 && _random.Next(3) == 0))
        {
            // Compound assignment to, or reassignment of, an output assigned on every path.
            if (scope.AssignedOutputs.Count == 0) return Array.Empty<Statement>();
            int index = scope.AssignedOutputs.ElementAt(_random.Next(scope.AssignedOutputs.Count));
            string op = _random.Next(5) == 0 ? "=" : CompoundOps[_random.Next(CompoundOps.Length)];
            return new[] { new AssignOutput(index, op, Operand(op, scope)) };
        }
        int target = unassigned[_random.Next(unassigned.Count)];
        var statement = new AssignOutput(target, "=", _expressions.Fresh(_expressions.Next(scope, 2 + _random.Next(2))));
        scope.AssignedOutputs.Add(target);
        return new[] { statement };
    }

    /// <summary>The right side of an assignment: a divisor is kept away from zero; a value is a node of its own.</summary>
    private Expr Operand(string op, Scope scope) => op switch
    {
        "/=" => _expressions.PositiveOrNegativeAwayFromZero(scope, 1),
        "=" => _expressions.Fresh(_expressions.Next(scope, 2)),
        _ => _expressions.Next(scope, 2),
    };

    /// <summary>
    /// An if/else, sometimes preceded by 'double r;' that both branches assign. Locals declared inside a
    /// branch stay there; an output assigned in both branches counts as assigned afterwards.
    /// </summary>
    private IEnumerable<Statement> IfElse(Scope scope, int nesting)
    {
        var statements = new List<Statement>();
        string? merged = null;
        if (_random.Next(2) == 0)
        {
            merged = Name("a");
            statements.Add(new DeclareLocal(merged, null));
        }
        var test = _expressions.InputDependentCondition(scope, 2);
        bool withElse = merged is not null || _random.Next(4) != 0;
        var (thenBranch, thenScope) = Branch(scope, merged, nesting);
        var (elseBranch, elseScope) = withElse ? Branch(scope, merged, nesting) : (new List<Statement>(), scope.Copy());
        statements.Add(new IfElse(test, thenBranch, elseBranch));

        scope.AssignedOutputs.UnionWith(thenScope.AssignedOutputs.Intersect(elseScope.AssignedOutputs));
        if (merged is not null) scope.Locals.Add(merged);
        return statements;
    }

    private (List<Statement> Statements, Scope Scope) Branch(Scope outer, string? merged, int nesting)
    {
        var scope = outer.Copy();
        var statements = new List<Statement>();
        int count = 1 + _random.Next(2);
        int mergedAt = _random.Next(count + 1);
        for (int i = 0; i <= count; i++)
        {
            if (merged is not null && i == mergedAt)
            {
                statements.Add(new AssignLocal(merged, "=", _expressions.Fresh(_expressions.Next(scope, 2))));
                scope.Locals.Add(merged);
            }
            if (i < count) statements.AddRange(Action(scope, nesting + 1));
        }
        return (statements, scope);
    }
}
