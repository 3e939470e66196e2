using MesoStream.Infra.Hosting;
using MesoStream.Planner.Service;

return await ServiceProgram.RunAsync<PlanBatchConsumer>(args, PlanBatchConsumer.Definition, PlannerServices.Add);
