using System;
using System.Globalization;
using OdeGen.Samples.CubicFit;

// The comparison of sections 2.6 and 4.4 of Della Bona and Dumez, "Introduction to Neural Ordinary Differential
// Equation" (2021): fit h(x) = x³ + 0.1x from 10 noisy points with an ODE-Net whose dynamics are one tanh layer of
// 20 units, and with a ResNet of the same width; compare out-of-sample MSEs.
CubicOptions options;
try
{
    options = CubicOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CubicOptions.Usage);
    return 2;
}

var random = new Random(options.Seed);
var data = CubicData.Generate(random);

var odeNet = new OdeNet(random);
double[] odeLosses = odeNet.Train(data, options.OdeNetIterations, options.OdeNetLearningRate);
double[] odePrediction = odeNet.Predict(data.TestX);
double odeMse = data.TestMse(odePrediction);

var resNet = new ResNet(random);
double[] resLosses = resNet.Train(data, options.ResNetIterations, options.ResNetLearningRate);
double[] resPrediction = resNet.Predict(data.TestX);
double resMse = data.TestMse(resPrediction);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ODE-Net: {options.OdeNetIterations} iterations (Adam, lr {options.OdeNetLearningRate}), training MSE {odeLosses[^1]:F3}, out-of-sample MSE {odeMse:F3}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ResNet:  {options.ResNetIterations} iterations (Adam, lr {options.ResNetLearningRate}), training MSE {resLosses[^1]:F3}, out-of-sample MSE {resMse:F3}"));
CubicPlot.Save(options.Output, data, odePrediction, resPrediction, odeMse, resMse);
Console.WriteLine($"wrote {options.Output}");
return 0;
