using MesoStream.Infra.Hosting;
using MesoStream.Solver.Service;

return await ServiceProgram.RunAsync<SolveStructureConsumer>(args, SolveStructureConsumer.Definition);
