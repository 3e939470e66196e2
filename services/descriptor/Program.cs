using MesoStream.Descriptor.Service;
using MesoStream.Infra.Hosting;

return await ServiceProgram.RunAsync<DescribeStructureConsumer>(args, DescribeStructureConsumer.Definition);
