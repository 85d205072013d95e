namespace Hoop.Chart.Tests.Templates;

public sealed class TemplateSkeletonTests
{
    [Fact]
    public void Lines_of_only_actions_are_dropped_and_inline_actions_become_a_placeholder()
    {
        const string template = """
            {{- /* a comment
            over two lines */}}
            {{- if .Values.enabled }}
            metadata:
              name: {{ .Values.name | quote }}
              labels:
                {{- include "labels" . | nindent 4 }}
            {{- end }}
            """;

        var objects = TemplateSkeleton.Objects(template);

        var metadata = Assert.Single(objects)["metadata"]!;
        Assert.Equal(TemplateSkeleton.Placeholder, metadata["name"]!.GetValue<string>());
        Assert.Null(metadata["labels"]);
    }

    [Fact]
    public void Malformed_yaml_around_the_actions_is_still_refused()
    {
        const string template = """
            {{- if .Values.enabled }}
            metadata:
              name: {{ .Values.name }}
               labels: {}
            {{- end }}
            """;

        Assert.Throws<FormatException>(() => TemplateSkeleton.Objects(template));
    }
}
