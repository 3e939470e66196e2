using MesoStream.Infra.Hosting;
using MesoStream.Trainer.Service;

return await ServiceProgram.RunAsync<FoldDescriptorsConsumer>(args, FoldDescriptorsConsumer.Definition, TrainerServices.Add);
