using MesoStream.Cli;
using MesoStream.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

// With --json, stdout carries exactly one JSON document: progress bars, spinners and tables go to stderr.
if (args.Contains("--json"))
{
    AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("mesostream");
    config.PropagateExceptions();
    config.AddCommand<UpCommand>("up")
        .WithDescription("Run the whole pipeline: embedded broker, the five services as processes, a campaign, training, the study report.")
        .WithExample("up")
        .WithExample("up", "--structures", "100", "--solvers", "2", "--out", "runs/study");
    config.AddCommand<BrokerCommand>("broker")
        .WithDescription("Host the embedded Kafka broker (librdkafka mock cluster) with every pipeline topic; prints its bootstrap address.")
        .WithExample("broker", "--port", "9092", "--partitions", "4");
    config.AddBranch("topics", topics =>
    {
        topics.SetDescription("Manage the pipeline's topics on a real Kafka cluster.");
        topics.AddCommand<TopicsCreateCommand>("create")
            .WithDescription("Create every pipeline topic and its .dlq twin through the Admin API.")
            .WithExample("topics", "create", "--bootstrap", "kafka:9092", "--partitions", "6", "--replication", "3");
    });
    config.AddCommand<GenerateCommand>("generate")
        .WithDescription("Generate one microstructure (no Kafka): writes ID.u8, the ID.json sidecar and an ID.png of mid-plane slices.")
        .WithExample("generate", "--preset", "fast", "--seed", "1", "--out", "runs/demo")
        .WithExample("generate", "--spec", "spec.json", "--out", "runs/demo");
    config.AddCommand<SolveCommand>("solve")
        .WithDescription("Effective properties of a segmented volume (no Kafka): τx,y,z, σx,y,z, interfacial areas, with solver diagnostics.")
        .WithExample("solve", "runs/demo/s-fd653450b227d075.u8", "--json")
        .WithExample("solve", "scan.raw", "--dims", "300x300x200", "--voxel-um", "0.4", "--labels", "0=0,255=1", "--phase", "pore");
    config.AddCommand<DescribeCommand>("describe")
        .WithDescription("The 11 physical descriptors and the pore size distribution of a segmented volume (no Kafka); --features adds the 4950 features.")
        .WithExample("describe", "runs/demo/s-fd653450b227d075.u8", "--features", "--json");
    config.AddCommand<TrainCommand>("train")
        .WithDescription("The paper's ML workflow offline: featurize, filter, split, fit 7 models per target; prints the metrics tables and writes metrics.json.")
        .WithExample("train", "--input", "dataset.csv", "--out", "runs/model");
    config.AddBranch("dataset", dataset =>
    {
        dataset.SetDescription("The trainer's dataset as the human CSV and back.");
        dataset.AddCommand<DatasetExportCommand>("export")
            .WithDescription("Write a trainer data directory's dataset.parquet as CSV.")
            .WithExample("dataset", "export", "--data", "runs/up/trainer-data", "--out", "dataset.csv");
        dataset.AddCommand<DatasetImportCommand>("import")
            .WithDescription("Fold a CSV into a trainer data directory (known ids are left unchanged).")
            .WithExample("dataset", "import", "--input", "dataset.csv", "--data", "trainer-data");
    });
    config.AddCommand<RetrainCommand>("retrain")
        .WithDescription("Ask the trainer service to retrain now (publishes a training-requested record).")
        .WithExample("retrain", "--bootstrap", "127.0.0.1:9092", "--reason", "new binder model");
    config.AddCommand<PredictCommand>("predict")
        .WithDescription("Predict the nine properties offline with a model directory, from descriptor rows (CSV) or specs (JSON lines; described in-process, no solver).")
        .WithExample("predict", "--model", "runs/model", "--input", "rows.csv")
        .WithExample("predict", "--model", "runs/model", "--input", "specs.jsonl", "--json");
    config.AddCommand<ScreenCommand>("screen")
        .WithDescription("Score N sampled candidate designs with a model (generated and described in-process, no solver) and print the Pareto front of τ vs σ with a PNG.")
        .WithExample("screen", "--model", "runs/model", "--count", "256", "--design", "sobol");
    config.AddBranch("campaign", campaign =>
    {
        campaign.SetDescription("Grow the dataset: submit sampled structure specs.");
        campaign.AddCommand<CampaignSubmitCommand>("submit")
            .WithDescription("Sample N specs over the paper's ranges (Sobol, LHS or random) and produce them to structure-spec.")
            .WithExample("campaign", "submit", "--bootstrap", "127.0.0.1:9092", "--count", "64", "--design", "sobol");
    });
    config.AddBranch("bench", bench =>
    {
        bench.SetDescription("Benchmarks that report ratios against a baseline measured in the same run.");
        bench.AddCommand<BenchMessagingCommand>("messaging")
            .WithDescription("Records/s through one transactional hop on the embedded broker, 1 KB and 1 MB records, against plain produce/consume.");
        bench.AddCommand<BenchCodecCommand>("codec")
            .WithDescription("Voxel-batch encode/decode MB/s and payload size at 64³ and 200³ for each compression, against uncompressed Arrow.");
        bench.AddCommand<BenchGeneratorCommand>("generator")
            .WithDescription("Seconds per structure at 64³ and 200³ for v_AM 0.5 and 0.8, split into AM placement and binder deposition, against one thread.");
        bench.AddCommand<BenchDescriptorCommand>("descriptor")
            .WithDescription("Seconds for the distance map, the c-PSD and all descriptors at 64³ and 200³.");
        bench.AddCommand<BenchTrainerCommand>("trainer")
            .WithDescription("The 9-target, 7-model workflow timed on a synthetic dataset of the paper's size.")
            .WithExample("bench", "trainer", "--rows", "17000");
        bench.AddCommand<BenchPredictorCommand>("predictor")
            .WithDescription("Predictor latency p50/p99 per descriptor row, batch rows/s on all cores against one, seconds per spec-based prediction.")
            .WithExample("bench", "predictor", "--model", "runs/model");
        bench.AddCommand<BenchActiveCommand>("active")
            .WithDescription("Active learning against Sobol at the same budget on one held-out test set, several seeds: R² and RMSE of τ and σ against structures simulated")
            .WithExample("bench", "active", "--initial", "100", "--batch", "50", "--structures", "400", "--out", "runs/bench-active");
        bench.AddCommand<BenchRveCommand>("rve")
            .WithDescription("Representative volume: replicate scatter (CV) of τ, σ, a against box size and resolution, and the cost.")
            .WithExample("bench", "rve", "--grids", "64@1,128@1,100@2", "--replicates", "4");
        bench.AddCommand<BenchSolverCommand>("solver")
            .WithDescription("All six transport solves per structure: seconds, iterations, ns/voxel/iteration, bandwidth bound, speed-up over plain CG.");
    });
});
return CliExit.Run(app, args);
