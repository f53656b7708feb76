using System;
using System.Collections.Generic;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Ir;

/// <summary>The walk an IR → IR pass rebuilds a program with: the statements it rewrites, and the regions of the others.</summary>
internal static class BlockRewriter
{
    /// <summary>
    /// The block with each statement that <paramref name="rewrite"/> takes replaced by what it adds to the list it is given
    /// (the statements so far), and the bodies of the loops and branches it leaves rebuilt by <paramref name="recurse"/>.
    /// </summary>
    public static Block Rewrite(Block block, Func<Stmt, List<Stmt>, bool> rewrite, Func<Block, Block> recurse)
    {
        var statements = new List<Stmt>();
        foreach (var statement in block.Statements)
        {
            if (rewrite(statement, statements)) continue;
            statements.Add(statement switch
            {
                ForStmt loop => loop with { Body = recurse(loop.Body) },
                IfStmt branch => branch with { Then = recurse(branch.Then), Else = recurse(branch.Else) },
                _ => statement,
            });
        }
        return new Block(block.Scope, statements.ToEquatableArray());
    }
}
