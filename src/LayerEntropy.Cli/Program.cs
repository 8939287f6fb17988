using LayerEntropy.Cli;

using var interruption = Interruption.Watch(Console.Error);
return CliApp.Run(args, Console.Out, Console.Error, interruption.Token);
