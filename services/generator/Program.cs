using MesoStream.Generator.Service;
using MesoStream.Infra.Hosting;

return await ServiceProgram.RunAsync<GenerateStructureConsumer>(args, GenerateStructureConsumer.Definition);
