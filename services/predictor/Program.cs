using MesoStream.Infra.Hosting;
using MesoStream.Predictor.Service;

return await ServiceProgram.RunAsync(args, PredictRequestConsumer.Definition, PredictorHost.Build);
