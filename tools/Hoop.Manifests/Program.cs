using Hoop.Manifests;

return ManifestsCommand.Run(args, Console.Out, Console.Error);
