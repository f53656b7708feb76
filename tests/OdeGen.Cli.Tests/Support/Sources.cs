namespace OdeGen.Cli.Tests.Support;

/// <summary>C# files as a user would hand them to <c>odegen</c>.</summary>
internal static class Sources
{
    public const string Lorenz = """
        using System;
        using OdeGen;

        namespace Models;

        public static partial class Lorenz
        {
            [OdeDynamics]
            public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
            {
                dy[0] = p[0] * (y[1] - y[0]);
                dy[1] = y[0] * (p[1] - y[2]) - y[1];
                dy[2] = y[0] * y[1] - p[2] * y[2];
            }
        }
        """;

    /// <summary>Two systems in one file, the second without parameters and with a banded Jacobian, nested in another type.</summary>
    public const string TwoSystems = """
        using System;
        using OdeGen;

        public static partial class Kinetics
        {
            [OdeDynamics]
            public static void Decay(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
            {
                dy[0] = -p[0] * y[0];
            }

            public static partial class Chains
            {
                [OdeDynamics]
                public static void Chain(double t, ReadOnlySpan<double> y, Span<double> dy)
                {
                    dy[0] = -y[0];
                    dy[1] = y[0] - y[1];
                    dy[2] = y[1] - y[2];
                    dy[3] = y[2];
                }
            }
        }
        """;

    /// <summary>ODE0001 on line 7, column 24 (the method's name); the other method is fine.</summary>
    public const string WrongSignature = """
        using System;
        using OdeGen;

        public static partial class Mixed
        {
            [OdeDynamics]
            public static void Bad(double t, ReadOnlySpan<double> y, Span<double> dy, int n)
            {
                dy[0] = -y[0];
            }

            [OdeDynamics]
            public static void Good(double t, ReadOnlySpan<double> y, Span<double> dy)
            {
                dy[0] = -y[0];
            }
        }
        """;

    /// <summary>Only a warning: ODE0009 for Math.Abs, line 9, column 17.</summary>
    public const string WarningOnly = """
        using System;
        using OdeGen;

        public static partial class Kink
        {
            [OdeDynamics]
            public static void Rhs(double t, ReadOnlySpan<double> y, Span<double> dy)
            {
                dy[0] = Math.Abs(y[0]);
            }
        }
        """;

    /// <summary>A missing semicolon on line 9 and an unclosed class.</summary>
    public const string DoesNotParse = """
        using System;
        using OdeGen;

        public static partial class Broken
        {
            [OdeDynamics]
            public static void Rhs(double t, ReadOnlySpan<double> y, Span<double> dy)
            {
                dy[0] = -y[0]
            }
        """;

    public const string NoDynamics = """
        public static class Plain
        {
            public static int Twice(int x) => 2 * x;
        }
        """;

    /// <summary>The warning of <see cref="WarningOnly"/>, silenced as in a project.</summary>
    public const string WarningSuppressed = """
        using System;
        using OdeGen;

        public static partial class Kink
        {
            [OdeDynamics]
            public static void Rhs(double t, ReadOnlySpan<double> y, Span<double> dy)
            {
        #pragma warning disable ODE0009
                dy[0] = Math.Abs(y[0]);
        #pragma warning restore ODE0009
            }
        }
        """;

    /// <summary>A program: top-level statements, no <c>using System;</c> (implicit usings), the dynamics below.</summary>
    public const string Program = """
        using OdeGen;

        Console.WriteLine(new Oscillator.RhsSystem().StateSize);

        public static partial class Oscillator
        {
            [OdeDynamics]
            public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
            {
                dy[0] = y[1];
                dy[1] = -p[0] * y[0];
            }
        }
        """;

    /// <summary>A layer whose activation is a TensorPrimitives call: the tool compiles it with the runtime's dependencies.</summary>
    public const string TensorLayer = """
        using System;
        using System.Numerics.Tensors;
        using OdeGen;

        public static partial class Layer
        {
            [OdeDynamics(StateSize = 2, ParameterSize = 2)]
            public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
            {
                Span<double> s = stackalloc double[2];
                Span<double> h = stackalloc double[2];
                for (int i = 0; i < 2; i++)
                {
                    s[i] = p[i] * y[i];
                }
                TensorPrimitives.Tanh(s, h);
                for (int i = 0; i < 2; i++)
                {
                    dy[i] = h[i];
                }
            }
        }
        """;
}
