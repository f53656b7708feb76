using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OdeGen.Generator.Diagnostics;
using OdeGen.Generator.Ir;

namespace OdeGen.Generator.Parsing;

/// <summary>Expressions: constants, locals, span elements, arithmetic and comparisons, conversions, ?:.</summary>
internal sealed partial class BodyParser
{
    private Value Expression(IOperation operation)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (operation.ConstantValue.HasValue) return Constant(operation);

        switch (operation)
        {
            case IConversionOperation conversion:
                return ConversionOf(conversion);
            case IParenthesizedOperation parenthesized:
                return Expression(parenthesized.Operand);
            case IParameterReferenceOperation parameter:
                return ParameterValue(parameter);
            case ILocalReferenceOperation local:
                if (_variables.TryGetValue(local.Local, out var value)) return value;
                return Unsupported(Descriptors.UnsupportedExpression, operation, "'" + local.Local.Name + "'", "only double, int and bool locals can be read");
            case IPropertyReferenceOperation property when Element(property) is { } element:
                return LoadElement(element, property);
            case IInvocationOperation { TargetMethod.Name: "Slice" } slice when IsDoubleSpan(slice.TargetMethod.ContainingType):
                return Unsupported(Descriptors.UnsupportedExpression, operation, "'" + operation.Syntax + "'", "declare the slice as a local span first: 'ReadOnlySpan<double> w = p.Slice(0, 10);'");
            case IBinaryOperation binary:
                return Binary(binary.OperatorKind, Expression(binary.LeftOperand), Expression(binary.RightOperand), binary);
            case IUnaryOperation unary:
                return Unary(unary);
            case IConditionalOperation conditional when conditional.WhenFalse is not null:
                return Ternary(conditional);
            case IInvocationOperation invocation:
                return Call(invocation);
            case var allocation when IsHeapAllocation(allocation):
                return Unsupported(Descriptors.HeapAllocation, operation, "'" + operation.Syntax + "'", "");
            case IArrayElementReferenceOperation element when IsHeapAllocation(element.ArrayReference):
                return Unsupported(Descriptors.HeapAllocation, element.ArrayReference, "'" + element.ArrayReference.Syntax + "'", "");
            case IFieldReferenceOperation field:
                return Unsupported(Descriptors.UnsupportedExpression, operation, "The field '" + field.Field.Name + "'", "make it a const, or pass the value in the parameter vector");
            case IPropertyReferenceOperation property:
                return Unsupported(Descriptors.UnsupportedExpression, operation, "'" + operation.Syntax + "'", "read elements with constant indices; sizes come from the attribute (StateSize, ParameterSize)");
            default:
                return Unsupported(Descriptors.UnsupportedExpression, operation, "'" + operation.Syntax + "'", "use arithmetic, Math functions, ?: and comparisons over double and int values");
        }
    }

    private Value Constant(IOperation operation)
    {
        switch (operation.ConstantValue.Value)
        {
            case double d: return Value.Double(_graph.Const(d));
            case float f: return Value.Double(_graph.Const(f));
            case int i: return operation.Type?.SpecialType == SpecialType.System_Double ? Value.Double(_graph.Const(i)) : Value.Int(i);
            case long l: return Value.Double(_graph.Const(l));
            case bool b: return Value.Bool(_graph.Const(b ? 1 : 0));
            default:
                return Unsupported(Descriptors.UnsupportedExpression, operation, "'" + operation.Syntax + "'", "only double, int and bool constants are supported");
        }
    }

    private Value ConversionOf(IConversionOperation conversion)
    {
        var operand = Expression(conversion.Operand);
        if (operand.Kind == ValueKind.Error) return operand;
        var target = KindOf(conversion.Type!);
        if (target is null)
            return Unsupported(Descriptors.UnsupportedExpression, conversion, "The conversion to '" + conversion.Type!.ToDisplayString() + "'", "compute in double");
        if (target == ValueKind.Int && operand.Kind == ValueKind.Double)
            return Unsupported(Descriptors.UnsupportedExpression, conversion, "'" + conversion.Syntax + "'", "converting a double to int has no derivative: use Math.Floor or Math.Round in double");
        return Convert(operand, target.Value, conversion);
    }

    private Value ParameterValue(IParameterReferenceOperation reference)
    {
        var parameter = reference.Parameter;
        if (SymbolEqualityComparer.Default.Equals(parameter, _signature.Time)) return Value.Double(_graph.Leaf(Op.Time));
        if (_variables.TryGetValue(parameter, out var value)) return value;
        return Unsupported(Descriptors.UnsupportedExpression, reference, "'" + parameter.Name + "'", "read its elements with constant indices, such as '" + parameter.Name + "[0]'");
    }

    private Value Binary(BinaryOperatorKind kind, Value left, Value right, IOperation where)
    {
        if (left.Kind == ValueKind.Error || right.Kind == ValueKind.Error) return Value.Error;

        if (left.Kind == ValueKind.Int && right.Kind == ValueKind.Int && (!left.IsKnown || !right.IsKnown))
            return DynamicIntBinary(kind, left, right, where);

        if (left.Kind == ValueKind.Int && right.Kind == ValueKind.Int)
        {
            int a = left.Integer, b = right.Integer;
            switch (kind)
            {
                case BinaryOperatorKind.Add: return Value.Int(unchecked(a + b));
                case BinaryOperatorKind.Subtract: return Value.Int(unchecked(a - b));
                case BinaryOperatorKind.Multiply: return Value.Int(unchecked(a * b));
                case BinaryOperatorKind.Divide when b != 0: return Value.Int(a / b);
                case BinaryOperatorKind.Remainder when b != 0: return Value.Int(a % b);
                case BinaryOperatorKind.LessThan: return Value.Bool(_graph.Const(a < b ? 1 : 0));
                case BinaryOperatorKind.LessThanOrEqual: return Value.Bool(_graph.Const(a <= b ? 1 : 0));
                case BinaryOperatorKind.GreaterThan: return Value.Bool(_graph.Const(a > b ? 1 : 0));
                case BinaryOperatorKind.GreaterThanOrEqual: return Value.Bool(_graph.Const(a >= b ? 1 : 0));
                case BinaryOperatorKind.Equals: return Value.Bool(_graph.Const(a == b ? 1 : 0));
                case BinaryOperatorKind.NotEquals: return Value.Bool(_graph.Const(a != b ? 1 : 0));
            }
            return Unsupported(Descriptors.UnsupportedExpression, where, "The int operator in '" + where.Syntax + "'", "use + - * / % on int constants");
        }

        if (left.Kind == ValueKind.Bool && right.Kind == ValueKind.Bool)
        {
            switch (kind)
            {
                case BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And: return Value.Bool(_graph.Emit(Op.And, left.Node, right.Node));
                case BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or: return Value.Bool(_graph.Emit(Op.Or, left.Node, right.Node));
            }
            return Unsupported(Descriptors.UnsupportedExpression, where, "The bool operator in '" + where.Syntax + "'", "combine conditions with && and ||");
        }

        int l = Convert(left, ValueKind.Double, where).Node;
        int r = Convert(right, ValueKind.Double, where).Node;
        switch (kind)
        {
            case BinaryOperatorKind.Add: return Value.Double(_graph.Add(l, r));
            case BinaryOperatorKind.Subtract: return Value.Double(_graph.Sub(l, r));
            case BinaryOperatorKind.Multiply: return Value.Double(_graph.Mul(l, r));
            case BinaryOperatorKind.Divide: return Value.Double(_graph.Div(l, r));
            case BinaryOperatorKind.LessThan: return Value.Bool(_graph.Emit(Op.Less, l, r));
            case BinaryOperatorKind.LessThanOrEqual: return Value.Bool(_graph.Emit(Op.LessOrEqual, l, r));
            case BinaryOperatorKind.GreaterThan: return Value.Bool(_graph.Emit(Op.Greater, l, r));
            case BinaryOperatorKind.GreaterThanOrEqual: return Value.Bool(_graph.Emit(Op.GreaterOrEqual, l, r));
            case BinaryOperatorKind.Equals: return Value.Bool(_graph.Emit(Op.Equal, l, r));
            case BinaryOperatorKind.NotEquals: return Value.Bool(_graph.Emit(Op.NotEqual, l, r));
            case BinaryOperatorKind.Remainder:
                return Unsupported(Descriptors.UnsupportedExpression, where, "'" + where.Syntax + "'", "the remainder of doubles jumps; write x - m * Math.Floor(x / m) if you need it");
        }
        return Unsupported(Descriptors.UnsupportedExpression, where, "The operator in '" + where.Syntax + "'", "use + - * / and comparisons on doubles");
    }

    private Value Unary(IUnaryOperation unary)
    {
        var operand = Expression(unary.Operand);
        if (operand.Kind == ValueKind.Error) return operand;
        switch (unary.OperatorKind)
        {
            case UnaryOperatorKind.Plus:
                return operand;
            case UnaryOperatorKind.Minus when operand.Kind == ValueKind.Int && operand.IsKnown:
                return Value.Int(unchecked(-operand.Integer));
            case UnaryOperatorKind.Minus when operand.Kind == ValueKind.Int:
                return Value.IntNode(_graph.Emit(Op.IntSub, IntNode(Value.Int(0)), operand.Node));
            case UnaryOperatorKind.Minus when operand.Kind == ValueKind.Double:
                return Value.Double(_graph.Neg(operand.Node));
            case UnaryOperatorKind.Not when operand.Kind == ValueKind.Bool:
                return Value.Bool(_graph.Emit(Op.Not, operand.Node));
        }
        return Unsupported(Descriptors.UnsupportedExpression, unary, "'" + unary.Syntax + "'", "use unary minus on doubles or ! on conditions");
    }

    private Value Ternary(IConditionalOperation conditional)
    {
        if (_loops.Count > 0) return TernaryRegion(conditional);
        return Ternary(conditional, Expression(conditional.Condition));
    }

    private Value Ternary(IConditionalOperation conditional, Value condition)
    {
        var whenTrue = Expression(conditional.WhenTrue);
        var whenFalse = Expression(conditional.WhenFalse!);
        if (condition.Kind == ValueKind.Error || whenTrue.Kind == ValueKind.Error || whenFalse.Kind == ValueKind.Error) return Value.Error;
        var kind = KindOf(conditional.Type!) ?? ValueKind.Double;
        if (kind == ValueKind.Int)
        {
            var picked = _graph[condition.Node];
            if (picked.IsConst) return picked.Value != 0 ? whenTrue : whenFalse;
            _diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonConstantIndex, conditional.Syntax.GetLocation(), conditional.Syntax.ToString()));
            return Value.Error;
        }
        int a = Convert(whenTrue, kind, conditional.WhenTrue).Node;
        int b = Convert(whenFalse, kind, conditional.WhenFalse!).Node;
        return new Value(kind, _graph.Select(condition.Node, a, b), 0);
    }
}
