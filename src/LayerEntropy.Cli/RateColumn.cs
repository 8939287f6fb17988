using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LayerEntropy.Cli;

/// <summary>A progress column with how many inputs a second the task goes through.</summary>
internal sealed class RateColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Speed is double speed ? string.Create(CultureInfo.InvariantCulture, $"{speed:0} inputs/s") : "", new Style(Color.Grey));
}
